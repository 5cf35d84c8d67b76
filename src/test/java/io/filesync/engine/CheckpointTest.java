package io.filesync.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import io.filesync.engine.copy.CopyRun;
import io.filesync.engine.state.DestinationLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming: the checkpoint, what it may and may not make a run do, cancel, pause, and one run at a time. */
class CheckpointTest {
    @TempDir
    Path tmp;

    private FilesyncHome home() {
        return new FilesyncHome(tmp.resolve("home"));
    }

    private SyncEngine engine() {
        return new SyncEngine(home());
    }

    private Plan plan(Path src, Path dst) throws Exception {
        return engine().plan(SyncPair.of(src, dst), MatchMode.PATH, SyncListener.NONE, new RunControl());
    }

    private RunSummary sync(Plan p, SyncListener listener, RunControl control) throws Exception {
        return engine().sync(p, p.pending(), new SyncOptions(2, false, false), listener, control);
    }

    /** The plan, its warnings added to {@code warnings}. */
    private Plan planSaying(Path src, Path dst, List<String> warnings) throws Exception {
        return engine().plan(SyncPair.of(src, dst), MatchMode.PATH, new SyncListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        }, new RunControl());
    }

    private static Tree photos(Path root, int n) {
        Tree t = Tree.at(root);
        for (int i = 0; i < n; i++) {
            t.file("20" + (10 + i % 5) + "/IMG_" + i + ".jpg", 20_000 + 131 * i,
                    Instant.parse("2010-03-04T05:06:07.000000001Z").plusSeconds(86_400L * i).plusNanos(i).toString());
        }
        return t;
    }

    /** Every source file has a byte-identical copy with the same modification and access time, to the nanosecond. */
    private static void assertComplete(Tree src, Path dst) throws Exception {
        assertEquals(Tree.files(src.root()), Tree.files(dst), "the same files, of the same sizes");
        for (String rel : Tree.files(src.root()).keySet()) {
            Path s = src.path(rel), d = dst.resolve(rel);
            if (Files.isRegularFile(s)) {
                assertTrue(java.util.Arrays.equals(Tree.OPS.digest(s), Tree.OPS.digest(d)), rel + " bytes");
                assertEquals(Tree.times(s).modified(), Tree.times(d).modified(), rel + " modification time");
                assertEquals(Tree.times(s).accessed(), Tree.times(d).accessed(), rel + " access time");
            }
        }
    }

    private Path checkpointFile(Path src, Path dst) throws Exception {
        return home().checkpoints().resolve(SyncPair.of(src, dst).id() + ".json");
    }

    private List<Path> rejected() throws Exception {
        try (Stream<Path> s = Files.list(home().checkpoints())) {
            return s.filter(p -> p.getFileName().toString().contains(".rejected-")).toList();
        }
    }

    /**
     * A real checkpoint from a run that copied some files and then was cancelled, so it has content to tamper.
     * Copies are named in batches (their "finished" events come with the batch), so the cancel comes when the file
     * {@code after} + 8 starts: with at most 8 copy threads, at least {@code after} copies are done by then.
     */
    private Path cancelledRun(Tree src, Path dst, int after) throws Exception {
        RunControl control = new RunControl();
        AtomicInteger started = new AtomicInteger();
        RunSummary s = sync(plan(src.root(), dst), new SyncListener() {
            @Override
            public void fileStarted(PlanEntry entry) {
                if (started.incrementAndGet() == after + 8) {
                    control.cancel();
                }
            }
        }, control);
        assertEquals(RunSummary.End.CANCELLED, s.end());
        Path file = checkpointFile(src.root(), dst);
        assertTrue(Files.exists(file), "the cancelled run saved its checkpoint");
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "other pair", "dotdot completed", "absolute folder", "dotdot failure",
            "bad run id", "symlink"})
    void aCorruptForeignOrTamperedCheckpointIsSetAsideAndNeverTrusted(String tampering) throws Exception {
        Tree src = photos(tmp.resolve("src"), 30);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        // A folder beside the destination that a trusted "../outside" could reach.
        Tree outside = Tree.at(tmp.resolve("outside")).file("keep.txt", "mine", "2001-01-01T00:00:00Z")
                .folderTimes("", "2001-01-01T00:00:00Z", "2001-01-02T00:00:00Z");
        TreeMap<String, String> outsideBefore = Tree.snapshot(outside.root());
        Path file = cancelledRun(src, dst, 10);

        JsonObject cp = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        String text = switch (tampering) {
            case "not json" -> "{\"version\": 1, \"source\": ";
            case "other pair" -> {
                cp.addProperty("source", tmp.resolve("elsewhere").toString());
                yield cp.toString();
            }
            case "dotdot completed" -> {
                cp.getAsJsonArray("completed").add("../outside/keep.txt");
                yield cp.toString();
            }
            case "absolute folder" -> {
                cp.getAsJsonArray("foldersAwaitingTimes").add(outside.root().toString());
                yield cp.toString();
            }
            case "dotdot failure" -> {
                JsonObject f = new JsonObject();
                f.addProperty("path", "2010/../../outside");
                f.addProperty("reason", "x");
                cp.getAsJsonArray("failed").add(f);
                yield cp.toString();
            }
            case "bad run id" -> {
                cp.getAsJsonArray("runIds").add("../../outside/keep");
                yield cp.toString();
            }
            case "symlink" -> {
                Path real = tmp.resolve("real-checkpoint.json");
                Files.writeString(real, cp.toString());
                yield null;
            }
            default -> throw new IllegalArgumentException(tampering);
        };
        Files.delete(file);
        if (text == null) {
            Files.createSymbolicLink(file, tmp.resolve("real-checkpoint.json"));
        } else {
            Files.writeString(file, text);
        }

        List<String> warnings = new ArrayList<>();
        Plan p = planSaying(src.root(), dst, warnings);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("was set aside"), warnings.getFirst());
        assertEquals(1, rejected().size(), "the rejected checkpoint is kept for the user to inspect");
        assertFalse(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.readString(home().mainLog()).contains("was set aside"), "and the main log says so");
        assertTrue(p.missingSinceLastRun().isEmpty(), "nothing from it is used");

        RunSummary done = sync(p, SyncListener.NONE, new RunControl());
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertComplete(src, dst);
        assertEquals(outsideBefore, Tree.snapshot(outside.root()), "nothing outside the destination was touched");
        if (text == null) {
            assertEquals(cp.toString(), Files.readString(tmp.resolve("real-checkpoint.json")),
                    "the file a symlinked checkpoint pointed at is not written through");
        }
    }

    /**
     * A backslash and a colon are characters of a Linux or macOS file name, not separators or drives: a checkpoint
     * and a record of names holding such paths are the run's own and are kept (they were set aside as tampered, and
     * the next runs lost the "copied before, now missing" report and the check of copies left incomplete).
     */
    @Test
    void namesWithABackslashOrAColonKeepTheCheckpoint() throws Exception {
        Tree src = photos(tmp.resolve("src"), 30)
                .file("odd/back\\slash.jpg", "a", "2012-01-01T00:00:00Z")
                .file("a:b.jpg", "b", "2012-01-02T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        cancelledRun(src, dst, 10);
        List<String> warnings = new ArrayList<>();
        Plan rest = planSaying(src.root(), dst, warnings);
        assertEquals(List.of(), warnings, "nothing set aside");
        assertEquals(List.of(), rejected());
        RunSummary done = sync(rest, SyncListener.NONE, new RunControl());
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertComplete(src, dst);

        warnings.clear();
        Files.delete(dst.resolve("odd/back\\slash.jpg")); // the user removed a copy: the plan says it was copied before
        Plan again = planSaying(src.root(), dst, warnings);
        assertEquals(List.of(), warnings, "nothing set aside after the completed run either");
        assertEquals(List.of("odd/back\\slash.jpg"), again.missingSinceLastRun());
    }

    @Test
    void aCancelledRunResumesWhereItStoppedAndLeavesNoTemporaryFile() throws Exception {
        Tree src = photos(tmp.resolve("src"), 40);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        TreeMap<String, String> sourceBefore = Tree.snapshot(src.root());
        cancelledRun(src, dst, 5);
        try (Stream<Path> all = Files.walk(dst)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".filesync-")).toList(),
                    "cancel removes the copy in flight");
        }
        int copiedFirst = Tree.files(dst).size();
        assertTrue(copiedFirst >= 5 && copiedFirst < 40, "cancelled mid-run: " + copiedFirst + " copied");

        Plan rest = plan(src.root(), dst);
        assertEquals(40 - copiedFirst, rest.summary().pending().files(), "the resumed plan holds only the rest");
        RunSummary done = sync(rest, SyncListener.NONE, new RunControl());
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertEquals(40 - copiedFirst, done.copied().files());
        assertComplete(src, dst);
        assertEquals(sourceBefore, Tree.snapshot(src.root()), "the source is as it was, access times included");
    }

    @Test
    void filesCopiedBeforeButGoneFromTheDestinationAreLoggedAndCopiedAgain() throws Exception {
        Tree src = photos(tmp.resolve("src"), 12);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        assertEquals(RunSummary.End.COMPLETED, sync(plan(src.root(), dst), SyncListener.NONE, new RunControl()).end());
        String gone = Tree.files(dst).firstKey();
        Files.delete(dst.resolve(gone));

        Plan again = plan(src.root(), dst);
        assertEquals(List.of(gone), again.missingSinceLastRun());
        assertEquals(List.of(gone), again.pending().stream().filter(PlanEntry::copiedBefore).map(PlanEntry::path)
                .toList());
        String log = Files.readString(home().missingLog());
        assertTrue(log.contains(gone), log);
        sync(again, SyncListener.NONE, new RunControl());
        assertComplete(src, dst);
    }

    @Test
    void pauseHoldsTheRunAndResumeFinishesIt() throws Exception {
        Tree src = photos(tmp.resolve("src"), 30);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        RunControl control = new RunControl();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Plan p = plan(src.root(), dst);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sync(p, new SyncListener() {
                    @Override
                    public void fileStarted(PlanEntry entry) {
                        if (started.incrementAndGet() == 3) {
                            control.pause();
                        }
                    }

                    @Override
                    public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
                        finished.incrementAndGet();
                    }
                }, control);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!control.isPaused() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(control.isPaused());
        Thread.sleep(200); // files in flight when pause was asked may still finish
        int whilePaused = finished.get();
        Thread.sleep(600);
        assertEquals(whilePaused, finished.get(), "no file finishes while paused");
        assertFalse(run.isDone());
        control.resume();
        RunSummary done = run.get(30, TimeUnit.SECONDS);
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertComplete(src, dst);
    }

    @Test
    void aSecondRunOnTheSameDestinationIsRefusedAndChangesNothing() throws Exception {
        Tree src = photos(tmp.resolve("src"), 5);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan p = plan(src.root(), dst);
        DestinationLock held = DestinationLock.acquire(home(), SyncPair.of(src.root(), dst), Clock.systemUTC());
        try (held) {
            AlreadyRunningException e = assertThrows(AlreadyRunningException.class,
                    () -> sync(p, SyncListener.NONE, new RunControl()));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()),
                    "the message names the run holding the destination: " + e.getMessage());
            assertEquals(0, Tree.files(dst).size(), "nothing was copied");
        }
        assertEquals(RunSummary.End.COMPLETED, sync(p, SyncListener.NONE, new RunControl()).end());
    }

    @Test
    void everythingInTheHomeFolderIsReadableByItsOwnerOnly() throws Exception {
        Tree src = photos(tmp.resolve("src"), 3);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        sync(plan(src.root(), dst), SyncListener.NONE, new RunControl());
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        List<Path> all;
        try (Stream<Path> s = Files.walk(home().root())) {
            all = s.toList();
        }
        assertTrue(all.size() >= 8, all.toString());
        for (Path p : all) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            assertTrue(perms.stream().noneMatch(others::contains), p + " is " + perms);
        }
        JsonArray completed = JsonParser.parseString(Files.readString(checkpointFile(src.root(), dst)))
                .getAsJsonObject().getAsJsonArray("completed");
        assertEquals(3, completed.size(), completed.toString());
    }

    @Test
    void aCheckpointThatTakesLongToSaveIsSavedLessOften() {
        // Measured: a checkpoint of a million copied paths is 37 MB and takes ~0.3 s to write on tmpfs.
        assertEquals(java.time.Duration.ofSeconds(3), CopyRun.nextSave(java.time.Duration.ofMillis(40)));
        assertEquals(java.time.Duration.ofSeconds(3), CopyRun.nextSave(java.time.Duration.ofMillis(300)));
        assertEquals(java.time.Duration.ofSeconds(12), CopyRun.nextSave(java.time.Duration.ofMillis(1200)));
    }
}
