package io.filesync.engine;

import io.filesync.FaultFs;
import io.filesync.Tree;
import io.filesync.engine.state.NameJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A device that loses power, lies about flushing, or is pulled out, simulated by FaultFs (our own FUSE file system,
 * which keeps written data in memory until it is flushed and drops it at a "power cut"): what the device holds
 * afterwards is read from FaultFs's backing folder with NIO, never through FileSync. And copies emptied after the
 * run, as a lost device can leave them, on a plain folder.
 */
@Tag("fault")
class PowerCutTest {
    private static final int FILES = 60;
    private static final int SIZE = 30_000;
    /** A file the user had in the backup before FileSync ran, another version of the source's. */
    private static final String USERS_VERSION = "roll-0/IMG_0.jpg";

    @TempDir
    Path tmp;
    private Tree src;
    private EngineRuns runs;
    /** Each source file's bytes and times as made, so checks never read the source (which moves its access time). */
    private final Map<String, byte[]> bytes = new TreeMap<>();
    private final Map<String, io.filesync.files.FileTimes> times = new TreeMap<>();

    @BeforeEach
    void source() {
        runs = new EngineRuns(tmp);
        src = Tree.at(tmp.resolve("src"));
        byte[] block = new byte[SIZE];
        new Random(42).nextBytes(block);
        for (int i = 0; i < FILES; i++) {
            ByteBuffer.wrap(block).putInt(i); // each file its own content
            Instant when = Instant.parse("2009-02-01T10:00:00Z").plusSeconds(86_400L * i).plusNanos(100L * i + 1);
            String rel = "roll-" + i / 20 + "/IMG_" + i + ".jpg";
            src.file(rel, block.clone(), when, when.plusSeconds(3_600));
            bytes.put(rel, block.clone());
            times.put(rel, Tree.times(src.path(rel)));
        }
    }

    private FaultFs faultFs() throws IOException {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        return FaultFs.mount(tmp.resolve("device"));
    }

    /** Files under their final names below {@code root}, as relative paths; our temporaries left out. */
    private static Map<String, Long> named(Path root) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith(".filesync-")) {
                    out.put(root.relativize(p).toString(), Files.size(p));
                }
            }
        }
        return out;
    }

    private static List<Path> temporaries(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".filesync-")).toList();
        }
    }

    /**
     * Every source file but the user's own version of IMG_0 has a copy with its bytes and its modification and access
     * times to the nanosecond, and no temporary file is left.
     */
    private void assertExactCopies(Path copies) throws IOException {
        assertExactCopies(copies, java.util.Set.of());
    }

    /**
     * @param readHere copies this test itself read after a cut: that read moved their access time (relatime, through
     *                 the FUSE daemon's read of its backing file, whenever the kernel's cache did not serve it), so
     *                 only their bytes and modification time still say what FileSync did
     */
    private void assertExactCopies(Path copies, java.util.Set<String> readHere) throws IOException {
        for (String rel : bytes.keySet()) {
            if (rel.equals(USERS_VERSION)) {
                continue;
            }
            Path copy = copies.resolve(rel);
            assertTrue(Files.isRegularFile(copy), rel + " is missing");
            // Times first: reading the bytes moves the copy's access time.
            assertEquals(times.get(rel).modified(), Tree.times(copy).modified(), rel + " modified");
            if (!readHere.contains(rel)) {
                assertEquals(times.get(rel).accessed(), Tree.times(copy).accessed(), rel + " accessed");
            }
            assertArrayEquals(bytes.get(rel), Files.readAllBytes(copy), rel + " has other bytes");
        }
        for (String rel : bytes.keySet()) {
            assertEquals(times.get(rel), Tree.times(src.path(rel)), rel + ": the source's times are as they were");
        }
        assertEquals(List.of(), temporaries(copies), "no temporary file is left");
    }

    /** What the user had in the backup before FileSync ever ran: one file of their own, one other version. */
    private Map<String, String> userFiles(Path backup) throws IOException {
        Files.createDirectories(backup.resolve("roll-0"));
        Files.writeString(backup.resolve("notes.txt"), "mine");
        Files.writeString(backup.resolve(USERS_VERSION), "my own edit, not the source's");
        Tree.setTimes(backup.resolve(USERS_VERSION), Instant.parse("2020-05-05T05:05:05Z"),
                Instant.parse("2020-05-05T05:05:05Z"));
        return Tree.snapshot(backup);
    }

    private void assertUserFilesUntouched(Map<String, String> before, Path backup) {
        Map<String, String> now = Tree.snapshot(backup);
        for (String rel : List.of("notes.txt", USERS_VERSION)) {
            assertEquals(before.get(rel), now.get(rel), rel + " was in the destination before and is untouched");
        }
    }

    @Test
    void afterPowerCutsAtRandomMomentsEveryNamedCopyIsCompleteAndOnePlainSyncFinishesExactly() throws Exception {
        try (FaultFs device = faultFs()) {
            Path backup = device.root().resolve("backup");
            Path held = device.backing().resolve("backup"); // what the device holds, read around FileSync and FUSE
            Map<String, String> user = userFiles(held);
            Random random = new Random(2026);
            int cutMidRun = 0;
            java.util.Set<String> readAfterCuts = new java.util.HashSet<>();
            for (int round = 0; round < 4; round++) {
                Plan plan = runs.plan(src.root(), backup);
                if (plan.pending().isEmpty()) {
                    break;
                }
                int at = 1 + random.nextInt(plan.pending().size());
                CountDownLatch reached = new CountDownLatch(1);
                AtomicInteger started = new AtomicInteger();
                CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return runs.sync(plan, SyncOptions.defaults(), new SyncListener() {
                            @Override
                            public void fileStarted(PlanEntry entry) {
                                if (started.incrementAndGet() == at) {
                                    reached.countDown();
                                }
                            }
                        });
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                reached.await(60, TimeUnit.SECONDS);
                device.cut();
                long cut = System.nanoTime();
                RunSummary s = run.get(60, TimeUnit.SECONDS);
                long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
                if (s.end() == RunSummary.End.STOPPED) {
                    cutMidRun++;
                    assertTrue(stoppedMillis < 5_000, "stopped " + stoppedMillis + " ms after the cut");
                    assertTrue(s.stopReason().startsWith("The destination " + backup), s.stopReason());
                }
                // The heart of it: whatever has a final name on the device after the cut is complete.
                for (Map.Entry<String, Long> f : named(held).entrySet()) {
                    if (!user.containsKey(f.getKey())) {
                        readAfterCuts.add(f.getKey());
                        assertArrayEquals(bytes.get(f.getKey()),
                                Files.readAllBytes(held.resolve(f.getKey())), f.getKey() + " after cut " + round);
                    }
                }
                device.remount();
            }
            assertTrue(cutMidRun >= 2, cutMidRun + " cuts landed mid-run");
            RunSummary last = runs.sync(src.root(), backup, SyncOptions.defaults(), SyncListener.NONE);
            assertEquals(RunSummary.End.COMPLETED, last.end());
            assertEquals(List.of(), last.failed(), "the run after the cuts failed nothing");
            device.cut(); // what is on the device once the last run said it was done
            assertExactCopies(held, readAfterCuts);
            assertUserFilesUntouched(user, held);
        }
    }

    @Test
    void copiesADeviceLostAfterSayingTheyWereFlushedAreFoundMovedAsideAndCopiedAgain() throws Exception {
        try (FaultFs device = faultFs()) {
            Path backup = device.root().resolve("backup");
            Path held = device.backing().resolve("backup");
            Map<String, String> user = userFiles(held);
            device.lying(true); // a USB stick that acknowledges flushes it never does
            RunSummary first = runs.sync(src.root(), backup, SyncOptions.defaults(), SyncListener.NONE);
            assertEquals(RunSummary.End.COMPLETED, first.end());
            assertEquals(FILES - 1, first.copied().files());
            device.cut();
            long emptied = named(held).entrySet().stream().filter(f -> f.getValue() == 0).count();
            assertEquals(FILES - 1, emptied, "the lying device lost every copy it said it held: " + named(held));
            device.remount();

            Plan plan = runs.plan(src.root(), backup);
            List<String> damaged = plan.pending().stream().filter(PlanEntry::damagedCopy).map(PlanEntry::path).toList();
            assertEquals(FILES - 1, damaged.size(), "each copy FileSync named and the device lost is found");
            assertEquals(1, plan.summary().differs().files(), "the user's own version is not FileSync's to repair");
            RunSummary repair = runs.sync(plan, SyncOptions.defaults(), SyncListener.NONE);
            assertEquals(RunSummary.End.COMPLETED, repair.end());
            assertEquals(List.of(), repair.failed());
            assertTrue(repair.warnings().stream().anyMatch(w -> w.contains("moved aside")), repair.warnings().toString());
            device.cut();
            List<String> aside = named(held).keySet().stream().filter(k -> k.contains(".filesync-damaged-")).toList();
            assertEquals(FILES - 1, aside.size(), "every damaged copy was moved aside, none deleted");
            for (String rel : damaged) {
                assertTrue(aside.stream().anyMatch(a -> a.startsWith(rel + ".filesync-damaged-")), rel);
            }
            device.remount();
            Map<String, Long> copies = named(held);
            copies.keySet().removeIf(k -> k.contains(".filesync-damaged-") || k.equals("notes.txt"));
            assertEquals(Tree.files(src.root()).keySet(), copies.keySet());
            for (String rel : damaged) {
                assertArrayEquals(bytes.get(rel), Files.readAllBytes(held.resolve(rel)), rel);
            }
            assertUserFilesUntouched(user, held);
            assertEquals(0, runs.plan(src.root(), backup).pending().size(), "a second plan finds nothing to do");
        }
    }

    @Test
    void copiesEmptiedAfterTheRunAreMovedAsideAndCopiedAgainWhileTheUsersOwnFilesStayUntouched() throws Exception {
        // The case on a plain folder: a run's copies emptied afterwards, as a device that lost power can
        // leave them, next to a file the user had there before with another size.
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Map<String, String> user = userFiles(dst);
        RunSummary first = runs.sync(src.root(), dst, SyncOptions.defaults(), SyncListener.NONE);
        assertEquals(FILES - 1, first.copied().files());
        List<String> emptied = new ArrayList<>();
        for (int i = 5; i < FILES; i += 3) {
            String rel = "roll-" + i / 20 + "/IMG_" + i + ".jpg";
            try (FileChannel ch = FileChannel.open(dst.resolve(rel), StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            emptied.add(rel);
        }
        RunSummary repair = runs.sync(src.root(), dst, SyncOptions.defaults(), SyncListener.NONE);
        assertEquals(emptied.size(), repair.copied().files(), "only the emptied copies are copied again");
        for (String rel : emptied) {
            try (Stream<Path> s = Files.list(dst.resolve(rel).getParent())) {
                String name = dst.resolve(rel).getFileName() + ".filesync-damaged-";
                List<Path> aside = s.filter(p -> p.getFileName().toString().startsWith(name)).toList();
                assertEquals(1, aside.size(), rel + " moved aside once");
                assertEquals(0, Files.size(aside.getFirst()), "moved as it was, not deleted");
            }
        }
        assertUserFilesUntouched(user, dst);
        assertEquals(1, runs.plan(src.root(), dst).summary().differs().files(), "the user's version still differs");
        assertExactCopies(dst);
    }

    @Test
    void aCopyWithItsSourcesSizeAndTimeButOtherBytesIsFoundBySyncWithVerifyAndCopiedAgain() throws Exception {
        // A device that wrote a copy's size and times but not all its data: only its bytes tell.
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Map<String, String> user = userFiles(dst);
        runs.sync(src.root(), dst, SyncOptions.defaults(), SyncListener.NONE);
        String rel = "roll-2/IMG_45.jpg";
        Path copy = dst.resolve(rel);
        Files.write(copy, new byte[SIZE]); // zeros where the photo was, same size
        Tree.setTimes(copy, times.get(rel).modified(), times.get(rel).accessed());
        assertEquals(0, runs.plan(src.root(), dst).pending().size(), "size and time alone cannot tell");

        RunSummary checked = runs.sync(src.root(), dst, new SyncOptions(2, true, false), SyncListener.NONE);
        assertEquals(1, checked.copied().files(), "the damaged copy is copied again");
        try (Stream<Path> s = Files.list(copy.getParent())) {
            List<Path> aside = s.filter(p -> p.getFileName().toString().startsWith("IMG_45.jpg.filesync-damaged-"))
                    .toList();
            assertEquals(1, aside.size(), "moved aside, not deleted");
            assertArrayEquals(new byte[SIZE], Files.readAllBytes(aside.getFirst()));
        }
        assertUserFilesUntouched(user, dst);
        assertExactCopies(dst);
    }

    @Test
    void aRecordOfNamesThatHoldsAPathOutsideThePairIsSetAsideAndNeverTrusted() throws Exception {
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Map<String, String> user = userFiles(dst);
        SyncPair pair = SyncPair.of(src.root(), dst);
        Path record = NameJournal.fileFor(new FilesyncHome(tmp.resolve("home")), pair);
        Files.createDirectories(record.getParent());
        Files.writeString(record, "\"" + USERS_VERSION + "\"\n\"../outside.txt\"\n\"notes.txt\"\n");

        Plan plan = runs.plan(src.root(), dst);
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("was set aside")), plan.warnings().toString());
        assertEquals(0, plan.pending().stream().filter(PlanEntry::damagedCopy).count(), "nothing in it is trusted");
        assertEquals(1, plan.summary().differs().files(), "the user's version stays theirs");
        try (Stream<Path> kept = Files.list(record.getParent())) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith(record.getFileName() + ".rejected-"))
                    .count(), "kept for the user to look at");
        }
        runs.sync(plan, SyncOptions.defaults(), SyncListener.NONE);
        assertUserFilesUntouched(user, dst);
    }
}
