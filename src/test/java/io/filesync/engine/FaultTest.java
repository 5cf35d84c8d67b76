package io.filesync.engine;

import io.filesync.MountedVolume;
import io.filesync.Tree;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Faults provoked for real: a source that changes under the copy, paths longer than the OS takes, a read-only
 * destination, names exFAT refuses and names that differ only in case on a case-insensitive volume. Each asserts
 * what lands under which name, and that the run goes on with the other files.
 */
@Tag("fault")
class FaultTest {
    @TempDir
    Path tmp;

    private SyncEngine engine() {
        return new EngineRuns(tmp).engine();
    }

    private Plan plan(Path src, Path dst) throws Exception {
        return new EngineRuns(tmp).plan(src, dst);
    }

    private static Map<String, String> reasons(RunSummary s) {
        Map<String, String> out = new TreeMap<>();
        s.failed().forEach(f -> out.put(f.path(), f.reason()));
        return out;
    }

    private static List<String> allNames(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vanishes", "grows", "shrinks", "rewritten with the same size", "touched"})
    void aSourceFileThatChangesAfterTheScanIsNeverPublishedAndTheRunGoesOn(String change) throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("a.jpg", 5000, "2010-01-01T00:00:00Z")
                .file("ok.jpg", 700, "2010-01-02T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan plan = plan(src.root(), dst);
        Path a = src.path("a.jpg");
        switch (change) {
            case "vanishes" -> Files.delete(a);
            case "grows" -> Files.write(a, new byte[10], StandardOpenOption.APPEND);
            case "shrinks" -> {
                try (var ch = java.nio.channels.FileChannel.open(a, StandardOpenOption.WRITE)) {
                    ch.truncate(100);
                }
            }
            case "rewritten with the same size" -> Files.write(a, new byte[5000]);
            case "touched" -> Tree.setTimes(a, Instant.parse("2024-01-01T00:00:00Z"),
                    Instant.parse("2024-01-01T00:00:00Z"));
            default -> throw new IllegalArgumentException(change);
        }
        RunSummary s = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());
        assertEquals(List.of("ok.jpg"), allNames(dst), "only the unchanged file, and no temporary file");
        assertTrue(reasons(s).containsKey("a.jpg"), "the change is reported: " + reasons(s));
        assertEquals(1, s.copied().files());
    }

    @Test
    void aSourceFileThatGrowsDuringTheCopyIsNeverPublished() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("big.bin", 40 << 20, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan plan = plan(src.root(), dst);
        RunSummary s = engine().sync(plan, plan.pending(), new SyncOptions(1, false, false), new SyncListener() {
            private boolean done;

            @Override
            public void bytesCopied(PlanEntry entry, long bytes) {
                if (!done) { // after the first chunk: another program appends to the file being copied
                    done = true;
                    try {
                        Files.write(src.path("big.bin"), new byte[4096], StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }, new RunControl());
        assertEquals(List.of(), allNames(dst), "nothing published, no temporary file left");
        assertTrue(reasons(s).get("big.bin").contains("during the copy"), reasons(s).toString());
    }

    @Test
    void pathsLongerThanTheSystemTakesAreCopiedThroughHeldFoldersOrSkippedWithAReason() throws Exception {
        assumeFalse(Boolean.getBoolean("filesync.portableFileOps"), "held folders (/proc/self/fd) are LinuxFileOps'"
                + " own: PortableFileOps holds none, so it cannot reach past PATH_MAX");
        // 1. The source path fits in PATH_MAX (4096 bytes); under a much longer destination the copy's does not.
        //    Folders are reached through held folders, so the copy is made anyway, byte for byte.
        Tree src = Tree.at(tmp.resolve("s")).file("short.jpg", 100, "2010-01-01T00:00:00Z");
        String rel = ("x".repeat(200) + "/").repeat(18) + "deep.jpg";
        src.file(rel, 100, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("d".repeat(200)).resolve("d".repeat(200))
                .resolve("d".repeat(200)));
        assertTrue(dst.toString().length() + 1 + rel.length() > 4096, "the copy's path is past PATH_MAX");
        // 2. A source path past PATH_MAX, made one folder at a time (mkdir -p works relative to each level).
        String y = "y".repeat(250);
        // Made one folder at a time, each relative to the last (shells' cd keeps an absolute path and gives up).
        Tree.run("python3", "-c", "import os\nfd = os.open('" + src.root() + "', os.O_RDONLY)\n"
                + "for i in range(17):\n    os.mkdir('" + y + "', dir_fd=fd)\n"
                + "    fd = os.open('" + y + "', os.O_RDONLY, dir_fd=fd)\n"
                + "os.write(os.open('far.jpg', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), b'far')\n");
        try {
            checkLongPaths(src, rel, dst);
        } finally {
            // rm walks relative to each folder; JUnit's clean-up cannot reach past PATH_MAX.
            Tree.run("rm", "-rf", src.path(y).toString(), tmp.resolve("d".repeat(200)).toString());
        }
    }

    private void checkLongPaths(Tree src, String rel, Path dst) throws Exception {
        RunSummary s = new EngineRuns(tmp).sync(src.root(), dst, SyncOptions.defaults(), SyncListener.NONE);
        assertEquals(RunSummary.End.COMPLETED, s.end());
        assertTrue(Files.exists(dst.resolve("short.jpg")));
        // cmp exits non-zero (and run() throws) unless the deep copy has the source's bytes.
        Tree.run("sh", "-c", "cd '" + dst + "' && cmp '" + rel + "' '" + src.path(rel) + "'");
        assertTrue(s.failed().stream().noneMatch(f -> f.path().endsWith("deep.jpg")), s.failed().toString());
        // The source entry past PATH_MAX cannot be read: skipped, with the reason, never silently left out.
        Plan again = new EngineRuns(tmp).plan(src.root(), dst);
        List<PlanEntry> skipped = again.entries().stream().filter(e -> e.category() == Category.SKIPPED).toList();
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.getFirst().reason().toLowerCase().contains("too long"), skipped.getFirst().reason());
    }

    @Test
    void aFolderSwappedForALinkWhileTheRunIsWritingIntoItCannotRedirectAWrite() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 20; i++) {
            src.file("album/IMG_" + i + ".jpg", 2000 + i, "2010-01-01T00:00:00Z");
        }
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path movedAway = tmp.resolve("moved-away");
        RunSummary s = new EngineRuns(tmp).sync(src.root(), dst, new SyncOptions(1, false, false),
                new SyncListener() {
                    private boolean swapped;

                    @Override
                    public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
                        if (!swapped) { // after the first copy into dst/album: album becomes a link to elsewhere
                            swapped = true;
                            try {
                                Files.move(dst.resolve("album"), movedAway);
                                Files.createSymbolicLink(dst.resolve("album"), elsewhere);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }
                });
        assertEquals(List.of(), allNames(elsewhere), "nothing was written through the link");
        assertTrue(Files.isSymbolicLink(dst.resolve("album")), "the link is left as it was found");
        // The copies went on into the folder the run had checked and holds (now moved by someone else).
        assertEquals(20, s.copied().files() + s.failed().size());
        assertTrue(allNames(movedAway).stream().noneMatch(n -> n.startsWith(".filesync-")));
    }

    @Test
    void aWhollyReadOnlyDestinationIsRefusedBeforeAnythingStarts() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a read-only bind mount needs root");
        Tree src = Tree.at(tmp.resolve("src")).file("a.jpg", 100, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Tree.run("mount", "--bind", dst.toString(), dst.toString());
        try {
            Tree.run("mount", "-o", "remount,bind,ro", dst.toString());
            Plan plan = plan(src.root(), dst);
            BadFoldersException e = assertThrows(BadFoldersException.class, () -> engine().sync(plan, plan.pending(),
                    SyncOptions.defaults(), SyncListener.NONE, new RunControl()));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        } finally {
            Tree.run("umount", dst.toString());
        }
        assertEquals(List.of(), allNames(dst));
    }

    @Test
    void namesExfatRefusesAreSkippedAtPlanAndNamesDifferingOnlyInCaseAreNeverOverwritten() throws Exception {
        MountedVolume.assumeAvailable("exfat", "the exFAT name test");
        Tree src = Tree.at(tmp.resolve("src"))
                .file("Photo.JPG", "the first", "2010-01-01T00:00:00Z")
                .file("photo.jpg", "the second, other bytes", "2010-01-02T00:00:00Z")
                .file("a:b.jpg", "colon", "2010-01-03T00:00:00Z")
                .file("what?.jpg", "question", "2010-01-04T00:00:00Z")
                .file("fine.jpg", "fine", "2010-01-05T00:00:00Z");
        try (MountedVolume exfat = MountedVolume.exfat(tmp, 16)) {
            Plan plan = plan(src.root(), exfat.root());
            Map<String, Category> planned = new java.util.TreeMap<>();
            plan.entries().forEach(e -> planned.put(e.path(), e.category()));
            assertEquals(Map.of("Photo.JPG", Category.PENDING, "photo.jpg", Category.CONFLICT,
                    "a:b.jpg", Category.SKIPPED, "what?.jpg", Category.SKIPPED, "fine.jpg", Category.PENDING), planned);
            // The twin's copy races a file of that name appearing (in another case) after the scan: never replaced.
            Files.writeString(exfat.root().resolve("PHOTO.jpg"), "appeared after the scan");
            RunSummary s = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                    new RunControl());
            assertEquals(RunSummary.End.COMPLETED, s.end());
            List<String> names = allNames(exfat.root());
            assertEquals(List.of("PHOTO.jpg", "fine.jpg"), names, "no temporary file, nothing replaced");
            assertEquals("appeared after the scan", Files.readString(exfat.root().resolve("PHOTO.jpg")));
            assertTrue(reasons(s).get("Photo.JPG").contains("after the scan"), reasons(s).toString());
            assertArrayEquals("fine".getBytes(), Files.readAllBytes(exfat.root().resolve("fine.jpg")));
        }
    }
}
