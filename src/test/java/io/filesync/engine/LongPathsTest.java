package io.filesync.engine;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths past Windows' 260 characters (MAX_PATH). On Windows the JDK gives every NIO call a path past 247 characters
 * with the {@code \\?\} prefix (WindowsPath.getPathForWin32Calls), which lifts the limit to about 32,000; so paths
 * work there as long as every path FileSync uses goes through NIO, which the second test holds for the engine and
 * the portable file operations. The first runs here in both surefire executions, the second through PortableFileOps,
 * the code Windows gets; Linux itself has no 260 limit, so it guards what FileSync does, not what Windows does.
 */
class LongPathsTest {
    @TempDir
    Path tmp;

    @Test
    void pathsPastWindowsMaxPathAndDeepTreesAreCopiedExactlyAndPlanAsPresentAfter() throws Exception {
        String longRel = ("folder-with-a-long-descriptive-name-" + "x".repeat(24) + "/").repeat(9)
                + "a-photo-with-a-long-name-" + "y".repeat(120) + ".jpg";
        String deepRel = "d/".repeat(150) + "deep.jpg";
        Tree src = Tree.at(tmp.resolve("src"))
                .file(longRel, 3000, "2012-03-04T05:06:07.123456789Z")
                .file(deepRel, 100, "2012-03-04T05:06:07.5Z")
                .file("short.jpg", 10, "2012-03-04T05:06:07Z");
        // The destination folder's own path is past MAX_PATH before anything is added to it.
        Path dst = Files.createDirectories(tmp.resolve(("backup-" + "b".repeat(90) + "/").repeat(3)));
        assertTrue(dst.toString().length() > 260, dst.toString());
        assertTrue(src.path(longRel).toString().length() > 600 && dst.resolve(longRel).toString().length() > 900);
        TreeMap<String, String> before = Tree.snapshot(src.root());

        EngineRuns runs = new EngineRuns(tmp);
        RunSummary s = runs.sync(src.root(), dst, SyncOptions.defaults(), SyncListener.NONE);

        assertEquals(RunSummary.End.COMPLETED, s.end());
        assertEquals(List.of(), s.failed());
        assertEquals(3, s.copied().files());
        assertEquals(List.of(), differences(before, Tree.snapshot(src.root())), "the source as it was, access times"
                + " included");
        before.remove(""); // the roots' own times are their own
        TreeMap<String, String> copy = Tree.snapshot(dst);
        copy.remove("");
        assertEquals(List.of(), differences(before, copy), "bytes, modification and access times to the nanosecond");
        Plan again = runs.plan(src.root(), dst);
        assertEquals(0, again.summary().pending().files());
        assertEquals(3, again.summary().present().files());
        assertEquals(List.of(), runs.engine().verify(SyncPair.of(src.root(), dst), SyncListener.NONE, new RunControl())
                .problems());
    }

    /** Entries that differ, each once (a deep tree's snapshot is too long to print whole). */
    private static List<String> differences(TreeMap<String, String> expected, TreeMap<String, String> actual) {
        TreeMap<String, String> all = new TreeMap<>(expected);
        actual.forEach(all::putIfAbsent);
        return all.keySet().stream().filter(k -> !String.valueOf(expected.get(k)).equals(String.valueOf(actual.get(k))))
                .map(k -> k + ": " + expected.get(k) + " -> " + actual.get(k)).toList();
    }

    /** Reaches a path without NIO: on Windows such a call would not get the long-path prefix from the JDK. */
    private static final Pattern NOT_NIO = Pattern.compile(
            "java\\.io\\.File\\b|\\.toFile\\(\\)|new File\\(|FileInputStream|FileOutputStream|RandomAccessFile"
                    + "|ProcessBuilder|Runtime\\.getRuntime\\(\\)\\.exec|\\bLinker\\b");

    @Test
    void everyPathTheEngineAndThePortableFileOpsUseGoesThroughNio() throws Exception {
        List<Path> sources = new ArrayList<>();
        for (String pkg : List.of("engine", "platform")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/filesync", pkg))) { // and sub-packages
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertTrue(sources.size() > 40, "the sources are found from the project's folder: " + sources.size());
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            String name = f.getFileName().toString();
            if (name.equals("LinuxFileOps.java") || name.equals("Libc.java") || name.equals("ThreadClock.java")) {
                continue; // Linux only: system calls through FFM, with Linux's own path limits (ThreadClock: no path)
            }
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (NOT_NIO.matcher(lines.get(i)).find() && !lines.get(i).strip().startsWith("*")
                        && !lines.get(i).strip().startsWith("//")) {
                    found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
