package io.filesync.cli;

import io.filesync.MountedVolume;
import io.filesync.Tree;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The order in which a real sync's system calls happen, as {@code strace -f -y} sees them: every copy gets its final
 * name (renameat2, or link) only after its last write has been flushed to the device, by a syncfs of the volume that
 * ended after that write (tmpfs, ext4) or by an fsync of the copy itself (ntfs-3g, where the kernel never passes
 * syncfs to the driver). strace is the independent reader here; FileSync's own code says nothing.
 */
@Tag("fault")
class DurableOrderTest {
    private static final int FILES = 120;
    /**
     * A call's line: the thread's id (strace -f -o puts it first), the name, its arguments; "&lt;unfinished ...&gt;"
     * or " = result" at the end.
     */
    private static final Pattern CALL = Pattern.compile("^(\\d+) +(\\w+)\\((.*?)(?:\\) += (-?\\d+).*|"
            + " <unfinished \\.\\.\\.>)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+) +<\\.\\.\\. (\\w+) resumed>.*"
            + "\\) += (-?\\d+).*$");
    private static final Pattern FD = Pattern.compile("^-?\\d+<(.*?)>");

    @TempDir
    Path tmp;

    private static String strace() {
        for (String p : List.of("/usr/bin/strace", "/bin/strace")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tmpfs", "ext4", "ntfs"})
    void everyCopyIsNamedOnlyAfterItsBytesWereFlushed(String kind) throws Exception {
        String why = MountedVolume.whyNotAvailable(kind);
        assumeTrue(why == null, why);
        assumeTrue(strace() != null, "needs strace (apt-get install strace)");
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < FILES; i++) {
            src.file("roll-" + i / 40 + "/IMG_" + i + ".jpg", Tree.bytes("photo " + i, 2_000 + 97 * i),
                    Instant.parse("2012-03-04T05:06:07Z").plusSeconds(i), Instant.parse("2012-03-05T00:00:00Z"));
        }
        try (MountedVolume volume = switch (kind) {
            case "tmpfs" -> MountedVolume.tmpfs(tmp.resolve("vol"), 64);
            case "ext4" -> MountedVolume.ext4(tmp.resolve("vol"), 64);
            default -> MountedVolume.ntfs(tmp.resolve("vol"), 64);
        }) {
            Path dst = Files.createDirectories(volume.root().resolve("backup"));
            Path trace = tmp.resolve("strace.txt");
            List<String> cmd = new ArrayList<>(List.of(strace(), "-f", "-y", "-qq", "-o", trace.toString(),
                    "-e", "trace=openat,write,pwrite64,copy_file_range,sendfile,fsync,fdatasync,syncfs,renameat2,"
                            + "linkat,close",
                    ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=io.filesync",
                    "-XX:TieredStopAtLevel=1", "-p", System.getProperty("jdk.module.path"),
                    "-m", "io.filesync/io.filesync.Main", "sync", src.root().toString(), dst.toString(), "--yes",
                    "--home", tmp.resolve("home").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("out.txt").toFile());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the traced sync did not end");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("out.txt")));

            Result r = check(Files.readAllLines(trace), dst.toRealPath().toString());
            System.out.println(kind + ": " + r.named + " copies named (" + r.unnamed + " made unnamed); " + r.bySyncfs
                    + " after a syncfs that ended after their last write, " + r.byFsync
                    + " after an fsync of the copy; " + r.syncfs + " syncfs and " + r.fsync
                    + " fsync calls on the destination in all.");
            assertEquals(FILES, r.named, "every copy was named once: " + r.problems + "; the trace's renames: "
                    + Files.readAllLines(trace).stream().filter(l -> l.contains("renameat2(") || l.contains("linkat("))
                    .limit(3).toList());
            assertEquals(List.of(), r.problems, "copies named before their bytes were flushed");
            if (kind.equals("ntfs")) {
                assertEquals(FILES, r.byFsync, "ntfs-3g is never asked by syncfs: each copy is flushed on its own");
                assertEquals(0, r.unnamed, "each copy, flushed on its own, has a temporary name");
            } else {
                assertTrue(r.syncfs < FILES / 4, "one syncfs per batch, not per file: " + r.syncfs);
                assertEquals(FILES, r.unnamed, "every copy was made without a name (O_TMPFILE) and linked to it");
            }
        }
    }

    private record Result(int named, int unnamed, int bySyncfs, int byFsync, int syncfs, int fsync,
                          List<String> problems) {
    }

    /**
     * Replays the trace in order. A write counts when it ended, a flush when it ended, a rename when it started: so a
     * flush still running while the rename began does not count for it.
     */
    private static Result check(List<String> lines, String dst) {
        Map<String, Integer> lastWrite = new HashMap<>(); // temporary copy's path -> index of its last write's end
        Map<String, Integer> lastFsync = new HashMap<>(); // path -> index of its last fsync's end
        Map<String, String> pending = new HashMap<>(); // pid + call -> the unfinished call's arguments
        int lastSyncfs = -1, named = 0, unnamed = 0, bySyncfs = 0, byFsync = 0, syncfs = 0, fsync = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String pid, call, args;
            long result;
            boolean started;
            Matcher m = CALL.matcher(line);
            Matcher resumed = RESUMED.matcher(line);
            if (m.matches()) {
                pid = m.group(1);
                call = m.group(2);
                args = m.group(3);
                if (m.group(4) == null) { // unfinished: counts as started now, ended later
                    pending.put(pid + call, args);
                    if (call.equals("renameat2") || call.equals("linkat")) {
                        named += naming(args, i, dst, lastWrite, lastFsync, lastSyncfs, problems);
                    }
                    continue;
                }
                result = Long.parseLong(m.group(4));
                started = true;
            } else if (resumed.matches()) {
                pid = resumed.group(1);
                call = resumed.group(2);
                args = pending.remove(pid + call);
                if (args == null) {
                    continue;
                }
                result = Long.parseLong(resumed.group(3));
                started = false;
            } else {
                continue;
            }
            Matcher fd = FD.matcher(args);
            String first = fd.find() ? fd.group(1) : "";
            switch (call) {
                case "write", "pwrite64" -> {
                    if (result >= 0 && isTemp(first, dst)) {
                        lastWrite.put(first, i);
                    }
                }
                case "copy_file_range", "sendfile" -> {
                    String out = outFd(call, args);
                    if (result >= 0 && isTemp(out, dst)) {
                        lastWrite.put(out, i);
                    }
                }
                case "fsync", "fdatasync" -> {
                    if (result == 0 && first.startsWith(dst)) {
                        lastFsync.put(first, i);
                        fsync++;
                    }
                }
                case "syncfs" -> {
                    if (result == 0 && first.startsWith(dst)) {
                        lastSyncfs = i;
                        syncfs++;
                    }
                }
                case "renameat2", "linkat" -> {
                    if (started) {
                        int before = problems.size();
                        int n = naming(args, i, dst, lastWrite, lastFsync, lastSyncfs, problems);
                        named += n;
                        if (n == 1 && tempOf(args).substring(tempOf(args).lastIndexOf('/') + 1).startsWith("#")) {
                            unnamed++;
                        }
                        if (n == 1 && problems.size() == before) {
                            String temp = tempOf(args);
                            if (lastFsync.getOrDefault(temp, -1) > lastWrite.getOrDefault(temp, -1)) {
                                byFsync++;
                            } else {
                                bySyncfs++;
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new Result(named, unnamed, bySyncfs, byFsync, syncfs, fsync, problems);
    }

    /** Checks one rename (or link) of a temporary to its final name; 1 if it named a copy, else 0. */
    private static int naming(String args, int at, String dst, Map<String, Integer> lastWrite,
                              Map<String, Integer> lastFsync, int lastSyncfs, List<String> problems) {
        String temp = tempOf(args);
        if (temp == null || !isTemp(temp, dst)) {
            return 0;
        }
        int wrote = lastWrite.getOrDefault(temp, -1);
        if (wrote < 0) {
            problems.add("no write seen for " + temp);
        } else if (!(lastSyncfs > wrote && lastSyncfs < at) && !(lastFsync.getOrDefault(temp, -1) > wrote)) {
            problems.add(temp + " named at line " + (at + 1) + " with nothing flushed since its last write (line "
                    + (wrote + 1) + ")");
        }
        return 1;
    }

    /**
     * renameat2(3</d/roll>, ".filesync-….tmp", …), linkat(AT_FDCWD, "/d/roll/.filesync-….tmp", …), or an unnamed
     * copy (O_TMPFILE) linked by its descriptor: linkat(12</d/roll/#1234>(deleted), "", 3</d/roll>, "IMG_1.jpg", …).
     */
    private static String tempOf(String args) {
        Matcher m = Pattern.compile("^(-?\\d+)(?:<(.*?)>)?(?:\\(deleted\\))?, \"([^\"]*)\"").matcher(args);
        if (!m.find() && !(m = Pattern.compile("^(AT_FDCWD), \"([^\"]+)\"").matcher(args)).find()) {
            return null;
        }
        if (m.groupCount() == 2) {
            return m.group(2);
        }
        String name = m.group(3);
        if (name.isEmpty()) {
            return m.group(2); // the descriptor's own file
        }
        return name.startsWith("/") || m.group(2) == null ? name : m.group(2) + "/" + name;
    }

    /** The descriptor written to: copy_file_range(in, off, out, …), sendfile(out, in, …). */
    private static String outFd(String call, String args) {
        Matcher fd = Pattern.compile("-?\\d+<(.*?)>").matcher(args);
        List<String> fds = new ArrayList<>();
        while (fd.find()) {
            fds.add(fd.group(1));
        }
        return fds.isEmpty() ? "" : call.equals("sendfile") ? fds.getFirst() : fds.getLast();
    }

    /** A temporary name, or an unnamed file (strace -y shows "#" and its inode number for one). */
    private static boolean isTemp(String path, String dst) {
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return path != null && path.startsWith(dst) && (name.startsWith(".filesync-") || name.startsWith("#"));
    }
}
