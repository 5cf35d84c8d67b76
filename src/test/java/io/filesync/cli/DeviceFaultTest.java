package io.filesync.cli;

import io.filesync.FaultFs;
import io.filesync.Tree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A failing source disk, a failing backup disk, a flush the backup disk refuses, a backup disk that fills up and one
 * that is pulled out, each provoked by FaultFs (our own FUSE file system) under the command line, as a user meets
 * them: the exit code, the sentences printed, and what the disks hold afterwards (read with NIO around FileSync).
 * Each case prints what the command said, for the record.
 */
@Tag("fault")
class DeviceFaultTest {
    private static final int FILES = 80;

    @TempDir
    Path tmp;
    private FaultFs device;
    private final Map<String, byte[]> bytes = new TreeMap<>();

    private record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void device() throws IOException {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        device = FaultFs.mount(tmp.resolve("device"));
    }

    @org.junit.jupiter.api.AfterEach
    void unplug() {
        if (device != null) {
            device.close();
        }
    }

    /** FILES photos of 20 KB and one "big.jpg" of 300 KB in {@code root} (on the device or not). */
    private Path photos(Path root) {
        Tree t = Tree.at(root);
        Random random = new Random(7);
        for (int i = 0; i < FILES; i++) {
            byte[] b = new byte[20_000];
            random.nextBytes(b);
            String rel = "roll-" + i / 10 + "/IMG_" + i + ".jpg";
            Instant when = Instant.parse("2011-07-01T08:00:00Z").plusSeconds(3_600L * i);
            t.file(rel, b, when, when.plusSeconds(60));
            bytes.put(rel, b);
        }
        byte[] big = new byte[300_000];
        random.nextBytes(big);
        t.file("big.jpg", big, Instant.parse("2012-01-01T00:00:00Z"), Instant.parse("2012-01-01T00:00:00Z"));
        bytes.put("big.jpg", big);
        return root;
    }

    /** The (empty) backup folder on the device, there before the run as a user's would be. */
    private Path backup() throws IOException {
        Files.createDirectories(device.backing().resolve("backup"));
        return device.root().resolve("backup");
    }

    private Result sync(Path src, Path dst) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = FileSyncCommand.execute(new String[]{"sync", src.toString(), dst.toString(), "--yes", "--home",
                tmp.resolve("home").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        Result r = new Result(exit, out.toString(), err.toString());
        System.out.println("filesync sync exited " + exit + "; it said:\n" + r.out() + r.err());
        return r;
    }

    /** Every source file is in {@code copies} with its bytes, and no temporary file is left there. */
    private void assertComplete(Path copies) throws IOException {
        for (Map.Entry<String, byte[]> f : bytes.entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(copies.resolve(f.getKey())), f.getKey());
        }
        try (Stream<Path> all = Files.walk(copies)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".filesync-")).toList());
        }
    }

    private static List<String> failedLines(Result r) {
        return r.err().lines().filter(l -> l.startsWith("Failed:")).toList();
    }

    @Test
    void aReadErrorOnTheSourceFailsThatFileAloneAndBlamesTheSourceDisk() throws Exception {
        Path src = photos(device.backing().resolve("photos")); // the source is on the failing device
        device.fail("read", "*/IMG_7.jpg", "EIO");
        Path dst = Files.createDirectories(tmp.resolve("backup"));
        Result r = sync(device.root().resolve("photos"), dst);
        assertEquals(1, r.exit(), "exit 1: a file failed");
        assertEquals(List.of("Failed:      roll-0/IMG_7.jpg: reading the source failed (Input/output error): the source"
                + " disk may be failing"), failedLines(r));
        assertTrue(r.err().contains("1 file failed (listed above); run again to retry them."), r.err());
        assertTrue(Files.exists(dst.resolve("roll-3/IMG_39.jpg")), "the run went on with the other files");
        bytes.remove("roll-0/IMG_7.jpg");
        assertComplete(dst);
        assertTrue(Files.notExists(dst.resolve("roll-0/IMG_7.jpg")));
        assertEquals(src, device.backing().resolve("photos"));
    }

    /**
     * What a file locked by another program is on Windows (the open refused at copy time, after the plan found it
     * readable), as near as Linux comes: the open refused with EACCES. Its words on Windows: SourceLockedTest.
     */
    @Test
    void aSourceFileThatCannotBeOpenedAtCopyTimeFailsAloneWithTheReasonAndTheRunGoesOn() throws Exception {
        Path src = photos(device.backing().resolve("photos"));
        device.fail("open", "*/IMG_7.jpg", "EACCES");
        Path dst = Files.createDirectories(tmp.resolve("backup"));
        Result r = sync(device.root().resolve("photos"), dst);
        assertEquals(1, r.exit(), "exit 1: a file failed");
        assertEquals(List.of("Failed:      roll-0/IMG_7.jpg: permission denied"), failedLines(r));
        bytes.remove("roll-0/IMG_7.jpg");
        assertComplete(dst);
        assertTrue(Files.notExists(dst.resolve("roll-0/IMG_7.jpg")));
    }

    @Test
    void aWriteErrorOnTheBackupFailsThatFileAloneAndBlamesTheBackupDisk() throws Exception {
        Path src = photos(tmp.resolve("photos"));
        device.failAfterBytes("write", "*", "EIO", 100_000); // only big.jpg is longer
        Result r = sync(src, backup());
        assertEquals(1, r.exit(), "exit 1: a file failed");
        assertEquals(List.of("Failed:      big.jpg: writing the copy on the destination failed (Input/output error):"
                + " the backup disk may be failing"), failedLines(r));
        device.remount();
        bytes.remove("big.jpg");
        assertComplete(device.backing().resolve("backup"));
        assertTrue(Files.notExists(device.backing().resolve("backup/big.jpg")));
    }

    @Test
    void aBackupDiskThatRefusesEveryFlushStopsTheRunAfterThreeFilesWithExitThree() throws Exception {
        Path src = photos(tmp.resolve("photos"));
        device.fail("fsync", "*", "EIO");
        Result r = sync(src, backup());
        assertEquals(3, r.exit(), "exit 3: stopped, resumable");
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("Stopped: Writing to the destination failed 3 times in a row, last while \\S+ was being"
                + " copied \\(flushing the copy to the device on the destination failed \\(Input/output error\\): the"
                + " backup disk may be failing\\); 0 files copied, \\d+ left\\. Check the backup disk, then run the"
                + " same command again to resume\\."), last);
        assertTrue(failedLines(r).size() >= 3 && failedLines(r).size() < FILES, "stopped, not failed file by file: "
                + failedLines(r));
        device.clearFaults();
        Result again = sync(src, backup());
        assertEquals(0, again.exit(), again.err());
        device.cut();
        assertComplete(device.backing().resolve("backup"));
    }

    @Test
    void aFullBackupDiskStopsTheRunNamingTheFileWithExitThree() throws Exception {
        Path src = photos(tmp.resolve("photos"));
        device.failAfterBytes("write", "*", "ENOSPC", 100_000);
        Result r = sync(src, backup());
        assertEquals(3, r.exit(), "exit 3: stopped, resumable");
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("Stopped: The destination is full: big\\.jpg was being copied when it ran out of space;"
                + " \\d+ files? copied, \\d+ left\\. Free some space on it and run the same command again to resume\\."),
                last);
        assertEquals(List.of(), failedLines(r), "no file is called failed for want of space");
        device.clearFaults();
        assertEquals(0, sync(src, backup()).exit());
        device.cut();
        assertComplete(device.backing().resolve("backup"));
    }

    @Test
    void aBackupDiskPulledOutMidRunStopsItWithinFiveSecondsAndOncePluggedBackTheNextSyncCompletesExactly()
            throws Exception {
        Path src = photos(tmp.resolve("photos"));
        Path dst = backup();
        Path held = device.backing().resolve("backup");
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> sync(src, dst));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (names(held).size() < 5) { // five copies begun (temporaries count): the run is under way
            assertTrue(System.nanoTime() < deadline && !run.isDone(), "the run did not get going");
            Thread.sleep(2);
        }
        device.vanish("EIO"); // every call on the device fails, as on a USB disk that is gone
        long pulled = System.nanoTime();
        Result r = run.get(60, TimeUnit.SECONDS);
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pulled);
        assertTrue(stopMillis < 5_000, "stopped " + stopMillis + " ms after the disk went");
        assertEquals(3, r.exit(), "exit 3: stopped, resumable");
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("Stopped: The destination " + dst + " cannot be reached any more \\(.*\\) while \\S+"
                + " was being copied; \\d+ files? copied, \\d+ left\\. Reconnect the disk at the same place and run the"
                + " same command again: it resumes, and checks and copies again any copy the disk did not keep\\."),
                last);
        try (Stream<Path> home = Files.walk(tmp.resolve("home"))) {
            assertTrue(home.anyMatch(p -> p.getFileName().toString().endsWith(".json")
                    && p.getParent().getFileName().toString().equals("checkpoints")), "the checkpoint is in the home");
        }
        device.remount(); // plugged back in at the same place
        Result again = sync(src, dst);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("Done: the destination has every file."), again.out());
        device.cut();
        assertComplete(held);
    }

    /** The files below {@code root}, temporaries included; empty while a listing races with the run's renames. */
    private static List<String> names(Path root) {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException renamedMeanwhile) {
                return List.of();
            }
        }
        return out;
    }
}
