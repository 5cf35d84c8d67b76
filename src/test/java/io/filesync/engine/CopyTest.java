package io.filesync.engine;

import io.filesync.Tree;
import io.filesync.files.FileTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class CopyTest {
    @TempDir
    Path tmp;

    private SyncEngine engine() {
        return new EngineRuns(tmp).engine();
    }

    private Plan plan(Path src, Path dst) throws Exception {
        return new EngineRuns(tmp).plan(src, dst);
    }

    private RunSummary sync(Path src, Path dst, SyncOptions options, SyncListener listener) throws Exception {
        return new EngineRuns(tmp).sync(src, dst, options, listener);
    }

    private RunSummary sync(Path src, Path dst) throws Exception {
        return sync(src, dst, SyncOptions.defaults(), SyncListener.NONE);
    }

    /** The seed case at small scale: year/album folders, some files already backed up. */
    private static Tree seed(Path src, int files) {
        Tree t = Tree.at(src);
        for (int i = 0; i < files; i++) {
            String when = Instant.parse("2005-01-01T00:00:00Z").plusSeconds(86_400L * 37 * i).plusNanos(123_456_789L + i)
                    .toString();
            t.file((2005 + i / 20) + "/album-" + (i % 4) + "/IMG_" + (1000 + i) + ".jpg", 1000 + 997 * i, when);
        }
        return t;
    }

    private static void assertSameFile(Path source, Path copy) throws Exception {
        // Digests read with O_NOATIME: a plain read here would move the access times this test checks.
        assertArrayEquals(Tree.OPS.digest(source), Tree.OPS.digest(copy), copy + " has other bytes");
    }

    @Test
    void missingFilesAreCopiedWithExactModificationAndAccessTimes() throws Exception {
        Tree src = seed(tmp.resolve("src"), 70);
        Path dst = tmp.resolve("dst");
        // 40 of the 70 are already backed up (copied earlier with their times).
        List<String> all = new ArrayList<>(Tree.files(src.root()).keySet());
        for (String rel : all.subList(0, 40)) {
            Path s = src.path(rel);
            FileTimes t = Tree.times(s);
            Tree.at(dst).file(rel, Files.readAllBytes(s), t.modified(), t.accessed());
            Tree.setTimes(s, t.modified(), t.accessed()); // this test's own read moved it
        }
        TreeMap<String, FileTimes> before = new TreeMap<>();
        for (String rel : all) {
            before.put(rel, Tree.times(src.path(rel)));
        }

        Plan plan = plan(src.root(), dst);
        assertEquals(30, plan.summary().pending().files());
        assertEquals(40, plan.summary().present().files());

        RunSummary done = sync(src.root(), dst);

        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertEquals(30, done.copied().files());
        assertTrue(done.failed().isEmpty(), done.failed().toString());
        assertEquals(Tree.files(src.root()), Tree.files(dst));
        for (String rel : all) {
            assertSameFile(src.path(rel), dst.resolve(rel));
            FileTimes copy = Tree.times(dst.resolve(rel));
            assertEquals(before.get(rel).modified(), copy.modified(), rel + " modification time");
            assertEquals(before.get(rel).accessed(), copy.accessed(), rel + " access time");
        }
        // On Linux no local file system can be given a creation time: the run says so and never claims it, and
        // keeps each original in the copy's user.filesync.crtime attribute instead (never on files it did not copy).
        assertTrue(plan.destinationVolume().sentence().contains("cannot be given a creation time"),
                plan.destinationVolume().sentence());
        if (!Boolean.getBoolean("filesync.portableFileOps")) {
            // PortableFileOps on Linux reads no birth time (the JDK gives the modification time where there is
            // none, so it cannot be trusted there) and keeps nothing aside.
            assertTrue(done.creationNotKept() >= 30);
            assertTrue(plan.destinationVolume().sentence().contains("kept aside in the copy's user.filesync.crtime"));
        }
        for (int i = 0; i < all.size(); i++) {
            String rel = all.get(i);
            String kept = Tree.userAttribute(dst.resolve(rel), "filesync.crtime");
            if (i < 40 || Boolean.getBoolean("filesync.portableFileOps")) {
                assertEquals(null, kept, rel + " was already there (or nothing is kept aside) and must not be altered");
            } else {
                assertEquals(before.get(rel).created().toString(), kept, rel + " original creation time");
                assertEquals(before.get(rel).created(), Tree.times(dst.resolve(rel)).created(),
                        rel + ": FileSync reads the kept creation time back as the copy's");
            }
        }
    }

    @Test
    void aBackupOfABackupCarriesTheOriginalCreationTime() throws Exception {
        assumeFalse(Boolean.getBoolean("filesync.portableFileOps"), "the creation time kept aside in"
                + " user.filesync.crtime is LinuxFileOps' own (PortableFileOps on Linux keeps none)");
        // Restoring from (or copying on) a backup made on a volume without settable creation times: the time kept
        // aside in user.filesync.crtime is the file's creation time, not the copy's own birth time.
        Tree src = seed(tmp.resolve("src"), 12);
        Map<String, Instant> born = new TreeMap<>();
        for (String rel : Tree.files(src.root()).keySet()) {
            born.put(rel, Tree.times(src.path(rel)).created());
        }
        Path backup = tmp.resolve("backup");
        Path second = tmp.resolve("second");
        Files.createDirectories(backup);
        Files.createDirectories(second);
        Thread.sleep(20); // the copies are born later than the originals
        assertEquals(12, sync(src.root(), backup).copied().files());
        assertEquals(12, sync(backup, second).copied().files());
        for (Map.Entry<String, Instant> e : born.entrySet()) {
            assertNotEquals(e.getValue(), Files.readAttributes(second.resolve(e.getKey()),
                    java.nio.file.attribute.BasicFileAttributes.class).creationTime().toInstant(),
                    "the second copy's birth time is its own");
            assertEquals(e.getValue().toString(), Tree.userAttribute(second.resolve(e.getKey()), "filesync.crtime"),
                    e.getKey() + ": the original creation time travels on");
        }
    }

    @Test
    void createdFoldersGetTheSourceFolderTimesAfterTheirContent() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("2009/summer/a.jpg", 500, "2009-07-01T10:00:00.000000001Z")
                .file("2009/summer/b.jpg", 600, "2009-07-02T10:00:00Z")
                .folder("2009/empty")
                .folderTimes("2009/empty", "2009-01-05T00:00:00.5Z", "2010-01-05T00:00:00.25Z")
                .folderTimes("2009/summer", "2009-07-03T00:00:00.123Z", "2011-01-01T00:00:00Z")
                .folderTimes("2009", "2009-12-31T23:59:59.999999999Z", "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        sync(src.root(), dst);

        for (String folder : List.of("2009", "2009/summer", "2009/empty")) {
            FileTimes want = Tree.times(src.path(folder));
            FileTimes got = Tree.times(dst.resolve(folder));
            assertEquals(want.modified(), got.modified(), folder + " modification time");
            assertEquals(want.accessed(), got.accessed(), folder + " access time");
        }
    }

    @Test
    void aRunCancelledAfterItsLastFileLeavesTheFolderTimesToTheNextRun() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("2009/summer/a.jpg", 500, "2009-07-01T10:00:00.000000001Z")
                .folderTimes("2009/summer", "2009-07-03T00:00:00.123Z", "2011-01-01T00:00:00Z")
                .folderTimes("2009", "2009-12-31T23:59:59.999999999Z", "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        RunControl control = new RunControl();
        SyncEngine e = engine();
        Plan first = e.plan(SyncPair.of(src.root(), dst), MatchMode.PATH, SyncListener.NONE, control);
        RunSummary cancelled = e.sync(first, first.pending(), SyncOptions.defaults(), new SyncListener() {
            @Override
            public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
                control.cancel();
            }
        }, control);
        assertEquals(RunSummary.End.CANCELLED, cancelled.end());
        assertNotEquals(Tree.times(src.path("2009")).modified(), Tree.times(dst.resolve("2009")).modified());

        Plan second = plan(src.root(), dst);
        assertTrue(second.pending().isEmpty(), "every file and folder is there");
        assertTrue(second.hasWork(), "but the folders still need their times");
        e.sync(second, second.pending(), SyncOptions.defaults(), SyncListener.NONE, new RunControl());
        for (String folder : List.of("2009", "2009/summer")) {
            assertEquals(Tree.times(src.path(folder)).modified(), Tree.times(dst.resolve(folder)).modified(), folder);
            assertEquals(Tree.times(src.path(folder)).accessed(), Tree.times(dst.resolve(folder)).accessed(), folder);
        }
        assertFalse(plan(src.root(), dst).hasWork(), "nothing is left to do");
    }

    @Test
    void foldersThatAlreadyExistedKeepTheirTimesWhenFilesAreAdded() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("album/new.jpg", 100, "2015-05-05T05:05:05Z");
        Tree dst = Tree.at(tmp.resolve("dst")).file("album/old.jpg", 100, "2014-04-04T04:04:04Z")
                .folderTimes("album", "2014-04-04T04:04:04.444Z", "2014-04-05T00:00:00.555Z");
        FileTimes before = Tree.times(dst.path("album"));
        FileTimes rootBefore = Tree.times(dst.root());

        sync(src.root(), dst.root());

        assertTrue(Files.exists(dst.path("album/new.jpg")));
        assertEquals(before.modified(), Tree.times(dst.path("album")).modified());
        assertEquals(before.accessed(), Tree.times(dst.path("album")).accessed());
        assertEquals(rootBefore.modified(), Tree.times(dst.root()).modified());
    }

    @ParameterizedTest(name = "verify={0}")
    @ValueSource(booleans = {false, true})
    void sourceIsLeftExactlyAsItWasAccessTimesIncluded(boolean verify) throws Exception {
        Tree src = seed(tmp.resolve("src"), 25);
        // An access time older than the modification time is what relatime always bumps on a read.
        for (String rel : Tree.files(src.root()).keySet()) {
            Tree.setTimes(src.path(rel), Instant.parse("2020-01-01T00:00:00.5Z"),
                    Instant.parse("2001-01-01T00:00:00.000000007Z"));
        }
        try (Stream<Path> folders = Files.walk(src.root())) {
            for (Path f : folders.filter(Files::isDirectory).toList()) {
                Tree.setTimes(f, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2001-01-01T00:00:00Z"));
            }
        }
        Map<String, String> before = Tree.snapshot(src.root());

        RunSummary done = sync(src.root(), Files.createDirectories(tmp.resolve("dst")),
                new SyncOptions(2, verify, false), SyncListener.NONE);

        assertEquals(25, done.copied().files());
        assertEquals(before, Tree.snapshot(src.root()));
    }

    @Test
    void portableCopierAlsoLeavesTheSourceAsItWas() throws Exception {
        Tree src = seed(tmp.resolve("src"), 10);
        for (String rel : Tree.files(src.root()).keySet()) {
            Tree.setTimes(src.path(rel), Instant.parse("2020-01-01T00:00:00.5Z"), Instant.parse("2001-01-01T00:00:00Z"));
        }
        Map<String, String> before = Tree.snapshot(src.root());
        // Put back as it was: the portable run of the suite sets it for the whole JVM.
        String was = System.setProperty("filesync.portableFileOps", "true");
        RunSummary done;
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        try {
            done = sync(src.root(), dst);
        } finally {
            if (was == null) {
                System.clearProperty("filesync.portableFileOps");
            } else {
                System.setProperty("filesync.portableFileOps", was);
            }
        }
        assertEquals(10, done.copied().files());
        assertEquals(before, Tree.snapshot(src.root()));
        for (String rel : Tree.files(src.root()).keySet()) {
            assertSameFile(src.path(rel), dst.resolve(rel));
            assertEquals(Tree.times(src.path(rel)).modified(), Tree.times(dst.resolve(rel)).modified());
        }
    }

    @Test
    void nothingAlreadyInTheDestinationIsAltered() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("a.jpg", "new version", "2020-01-01T00:00:00Z")
                .file("sub/b.jpg", "b", "2020-01-01T00:00:00Z")
                .file("sub/c.jpg", "c", "2020-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst"))
                .file("a.jpg", "old version, longer", "2010-01-01T00:00:00Z")
                .file("sub/c.jpg", "other c", "2010-01-01T00:00:00Z")
                .file("only-here.txt", "mine", "2011-01-01T00:00:00Z")
                .folderTimes("sub", "2012-01-01T00:00:00.1Z", "2012-01-02T00:00:00.2Z")
                .folderTimes(".", "2013-01-01T00:00:00.3Z", "2013-01-02T00:00:00.4Z");
        Map<String, String> before = Tree.snapshot(dst.root());

        RunSummary done = sync(src.root(), dst.root());

        assertEquals(1, done.copied().files());
        Map<String, String> after = Tree.snapshot(dst.root());
        after.remove("sub/b.jpg");
        assertEquals(before, after);
    }

    @Test
    void fileCreatedAtTheTargetBeforeTheCopyStartsIsNotReplaced() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("x.jpg", 5000, "2010-01-01T00:00:00Z")
                .file("y.jpg", 5000, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        SyncListener intruder = new SyncListener() {
            @Override
            public void fileStarted(PlanEntry entry) {
                if (entry.path().equals("x.jpg")) {
                    write(dst.resolve("x.jpg"), "theirs");
                }
            }
        };
        assertNotReplaced(sync(src.root(), dst, new SyncOptions(1, false, false), intruder), dst);
    }

    @Test
    void fileCreatedAtTheTargetDuringTheCopyIsNotReplaced() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("x.jpg", 3 << 20, "2010-01-01T00:00:00Z")
                .file("y.jpg", 5000, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        SyncListener intruder = new SyncListener() {
            @Override
            public void bytesCopied(PlanEntry entry, long bytes) {
                if (entry.path().equals("x.jpg") && !Files.exists(dst.resolve("x.jpg"))) {
                    write(dst.resolve("x.jpg"), "theirs");
                }
            }
        };
        assertNotReplaced(sync(src.root(), dst, new SyncOptions(1, false, false), intruder), dst);
    }

    private static void assertNotReplaced(RunSummary done, Path dst) throws Exception {
        assertEquals("theirs", Files.readString(dst.resolve("x.jpg")));
        assertEquals(1, done.copied().files());
        assertEquals(1, done.failed().size());
        assertEquals("x.jpg", done.failed().getFirst().path());
        assertTrue(done.failed().getFirst().reason().contains("left as it is"), done.failed().getFirst().reason());
        assertEquals(List.of("x.jpg", "y.jpg"), names(dst));
    }

    @Test
    void aDestinationSymlinkIsNeverWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Tree src = Tree.at(tmp.resolve("src")).file("photos/a.jpg", 100, "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).symlink("photos", elsewhere.toString());

        Plan plan = plan(src.root(), dst.root());
        PlanEntry photos = plan.entries().getFirst();
        assertEquals("photos", photos.path());
        assertEquals(Category.SKIPPED, photos.category());
        assertTrue(photos.reason().contains("symbolic link"));

        RunSummary done = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());
        assertEquals(0, done.copied().files());
        assertEquals(List.of(), names(elsewhere));
    }

    @Test
    void aDestinationFolderSwappedForASymlinkAfterTheScanIsNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Tree src = Tree.at(tmp.resolve("src")).file("photos/a.jpg", 100, "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).folder("photos");
        Plan plan = plan(src.root(), dst.root());
        assertEquals(1, plan.summary().pending().files());
        Files.delete(dst.path("photos"));
        Files.createSymbolicLink(dst.path("photos"), elsewhere);

        RunSummary done = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());

        assertEquals(List.of(), names(elsewhere));
        assertEquals(1, done.failed().size());
        assertTrue(done.failed().getFirst().reason().contains("symbolic link"), done.failed().getFirst().reason());
    }

    @Test
    @Timeout(30)
    void aFifoSwappedInAfterTheScanDoesNotHangTheRun() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("a.jpg", 100, "2010-01-01T00:00:00Z")
                .file("b.jpg", 100, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan plan = plan(src.root(), dst);
        Files.delete(src.path("a.jpg"));
        src.fifo("a.jpg");

        RunSummary done = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());

        assertEquals(1, done.copied().files());
        assertEquals("a.jpg", done.failed().getFirst().path());
        assertTrue(done.failed().getFirst().reason().contains("no longer a regular file"),
                done.failed().getFirst().reason());
        assertEquals(List.of("b.jpg"), names(dst));
    }

    @Test
    void aSourceFileChangedAfterTheScanIsNotPublished() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("a.jpg", 100, "2010-01-01T00:00:00Z")
                .file("gone.jpg", 100, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan plan = plan(src.root(), dst);
        Files.writeString(src.path("a.jpg"), "rewritten", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(src.path("gone.jpg"));

        RunSummary done = engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());

        assertEquals(0, done.copied().files());
        assertEquals(List.of(), names(dst));
        Map<String, String> reasons = new TreeMap<>();
        done.failed().forEach(f -> reasons.put(f.path(), f.reason()));
        assertTrue(reasons.get("a.jpg").contains("modified after the scan"), reasons.toString());
        assertTrue(reasons.get("gone.jpg").contains("vanished"), reasons.toString());
    }

    @Test
    void unicodeLongAndDeeplyNestedNamesAreCopiedExactly() throws Exception {
        String nfc = "caf\u00e9.jpg";
        String nfd = "cafe\u0301.jpg";
        String long200 = "\u00e9".repeat(98) + ".jpg"; // 196 bytes of é + 4 = 200 bytes in UTF-8
        assertEquals(200, long200.getBytes(StandardCharsets.UTF_8).length);
        String deep = String.join("/", java.util.Collections.nCopies(60, "d")) + "/deep.txt";
        String newline = "two\nlines.txt";
        Tree src = Tree.at(tmp.resolve("src"))
                .file(nfc, "composed", "2010-01-01T00:00:00Z")
                .file(nfd, "decomposed", "2010-01-01T00:00:00Z")
                .file("\u65e5\u672c/\u5199\u771f \ud83d\udcf7.jpg", "cjk and emoji", "2010-01-01T00:00:00Z")
                .file(long200, "long", "2010-01-01T00:00:00Z")
                .file(deep, "deep", "2010-01-01T00:00:00Z")
                .file(newline, "newline", "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        RunSummary done = sync(src.root(), dst);

        assertTrue(done.failed().isEmpty(), done.failed().toString());
        assertEquals(Tree.files(src.root()), Tree.files(dst));
        assertEquals("composed", Files.readString(dst.resolve(nfc)));
        assertEquals("decomposed", Files.readString(dst.resolve(nfd)));
        assertEquals("deep", Files.readString(dst.resolve(deep)));
        assertTrue(Files.readString(tmp.resolve("home/filesync.log")).contains("two\\nlines.txt"),
                "the log shows the newline escaped");
    }

    @Test
    void aNewFileGoesIntoTheFolderTheBackupSpellsInTheOtherNormalisation() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("cafe\u0301/old.jpg", "old", "2010-01-01T00:00:00Z")
                .file("cafe\u0301/new.jpg", "new", "2011-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).file("caf\u00e9/old.jpg", "old", "2010-01-01T00:00:00Z");

        RunSummary done = sync(src.root(), dst.root());

        assertEquals(1, done.copied().files());
        assertEquals(List.of("caf\u00e9"), names(dst.root()), "no look-alike twin folder");
        assertEquals("new", Files.readString(dst.path("caf\u00e9/new.jpg")));
    }

    @Test
    void aNameThatIsNotValidUtf8IsSkippedAndNeverMangled() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("ok.jpg", 10, "2010-01-01T00:00:00Z");
        Tree.run("bash", "-c", "cd '" + src.root() + "' && printf x > \"$(printf 'bad\\377name.jpg')\"");
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        Plan plan = plan(src.root(), dst);
        PlanEntry bad = plan.entries().stream().filter(e -> e.path().startsWith("bad")).findFirst().orElseThrow();
        assertEquals(Category.SKIPPED, bad.category());
        assertTrue(bad.reason().contains("UTF-8"), bad.reason());

        engine().sync(plan, plan.pending(), SyncOptions.defaults(), SyncListener.NONE, new RunControl());
        assertEquals(List.of("ok.jpg"), names(dst));
    }

    @Test
    void everyFileHasAnOutcomeEventAndTheReportListsIt() throws Exception {
        seed(tmp.resolve("src"), 12);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Map<String, CopyOutcome> outcomes = new ConcurrentHashMap<>();
        SyncListener l = new SyncListener() {
            @Override
            public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
                outcomes.put(entry.path(), outcome);
            }
        };

        RunSummary done = sync(tmp.resolve("src"), dst, SyncOptions.defaults(), l);

        for (String rel : Tree.files(tmp.resolve("src")).keySet()) {
            CopyOutcome.Copied c = assertInstanceOf(CopyOutcome.Copied.class, outcomes.get(rel));
            assertEquals(TimeKept.EXACT, c.times().modified());
            assertEquals(TimeKept.EXACT, c.times().accessed());
            assertFalse(c.times().created().kept(), "a creation time is never claimed on Linux");
        }
        String report = Files.readString(done.report());
        assertTrue(report.contains("\"copiedFiles\": 12"), report);
        assertTrue(report.contains("IMG_1000.jpg"), report);
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
