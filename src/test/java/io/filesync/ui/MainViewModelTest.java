package io.filesync.ui;

import io.filesync.FaultFs;
import io.filesync.Tree;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.Plan;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The window's view model on its own, with no window: JavaFX's platform runs (headless) only because Task
 * reports through it. Every call into the model is made on the FX thread, as the window does.
 */
class MainViewModelTest {
    @TempDir
    Path tmp;
    private ScheduledExecutorService timer;
    private MainViewModel vm;
    private final AtomicInteger batches = new AtomicInteger();

    @BeforeAll
    static void platform() throws Exception {
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            up.complete(null);
        }
        up.get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void model() throws Exception {
        timer = Executors.newSingleThreadScheduledExecutor();
        SyncEngine engine = new SyncEngine(new FilesyncHome(tmp.resolve("home")));
        vm = fx(() -> new MainViewModel(engine, r -> Platform.runLater(() -> {
            batches.incrementAndGet();
            r.run();
        }), timer, Settings.NONE));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Waits for a task and then for the UI thread to have run what the task queued. */
    private static <T> T await(Task<T> task) throws Exception {
        T value = task.get(60, TimeUnit.SECONDS);
        fx(() -> null);
        fx(() -> null);
        return value;
    }

    private Tree photos(int n) {
        Tree t = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < n; i++) {
            t.file("20" + (10 + i % 3) + "/IMG_" + i + ".jpg", 500 + i, "2011-02-03T04:05:06.000000007Z");
        }
        return t;
    }

    @Test
    void eachFieldSaysWhatIsWrongAndCompareWaitsUntilBothAreValid() throws Exception {
        Tree src = photos(3);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        fx(() -> {
            assertEquals("Choose a source folder.", vm.sourceProblemProperty().get());
            vm.sourceProperty().set(tmp.resolve("missing").toString());
            assertEquals("This folder does not exist.", vm.sourceProblemProperty().get());
            vm.sourceProperty().set(src.path("2010/IMG_0.jpg").toString());
            assertEquals("This is a file, not a folder.", vm.sourceProblemProperty().get());
            vm.sourceProperty().set(src.root().toString());
            assertEquals("", vm.sourceProblemProperty().get());
            vm.destinationProperty().set(src.path("2010").toString());
            assertTrue(vm.destinationProblemProperty().get().contains("inside the source"),
                    vm.destinationProblemProperty().get());
            assertFalse(vm.canCompare().get());
            vm.destinationProperty().set(src.root() + "/");
            assertTrue(vm.destinationProblemProperty().get().contains("same folder"));
            vm.destinationProperty().set(dst.toString());
            assertEquals("", vm.destinationProblemProperty().get());
            assertTrue(vm.canCompare().get());
            assertFalse(vm.canSync().get(), "nothing to sync before a compare");
            vm.swap();
            assertEquals(dst.toString(), vm.sourceProperty().get());
            return null;
        });
    }

    @Test
    void compareFillsTheTableAndSyncTurnsEveryRowCopiedInFewBatches() throws Exception {
        Tree src = photos(2000);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Plan plan = await(fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            return vm.compare();
        }));
        assertEquals(2000, plan.summary().pending().files());
        fx(() -> {
            assertEquals(2000 + 3, vm.rows().size(), "2,000 files and the 3 folders to create");
            assertTrue(vm.summaryProperty().get().startsWith("2000 files"), vm.summaryProperty().get());
            assertTrue(vm.canSync().get());
            assertTrue(vm.confirmation().enoughSpace());
            return null;
        });
        batches.set(0);
        long start = System.nanoTime();
        RunSummary s = synced(fx(vm::sync));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(RunSummary.End.COMPLETED, s.end());
        fx(() -> {
            assertTrue(vm.rows().stream().allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT),
                    "every row copied (ext4 cannot take a creation time): " + vm.rows().stream()
                            .filter(r -> r.status() != RowStatus.COPIED_CREATION_NOT_KEPT).limit(3)
                            .map(r -> r.path() + " " + r.status() + " " + r.statusTextProperty().get()).toList());
            assertTrue(vm.summaryProperty().get().startsWith("Done: the destination has every file."),
                    vm.summaryProperty().get());
            assertEquals(1.0, vm.progressProperty().get());
            return null;
        });
        // At most one batch per gap, not one per file (2,000 here); the end adds a few turns of its own: the last
        // flush, the rows of the last batch of named copies (up to 1,000 a turn) and the summary.
        assertTrue(batches.get() <= millis / MainViewModel.BATCH_GAP_MILLIS + 8,
                batches.get() + " UI updates in " + millis + " ms");
        assertEquals(Tree.files(src.root()), Tree.files(dst));
        for (String rel : Tree.files(dst).keySet()) {
            assertEquals(Tree.times(src.path(rel)).modified(), Tree.times(dst.resolve(rel)).modified(), rel);
        }
    }

    /**
     * Waits for a sync and then until the window has shown its end: the rows of the last batch of named copies (up to
     * every row, as copies are named in batches) reach the table over several turns, and the summary comes after them.
     */
    private RunSummary synced(Task<RunSummary> task) throws Exception {
        RunSummary s = await(task);
        until("the run's end is shown", () -> !vm.busyProperty().get());
        return s;
    }

    /** Polls (on the UI thread) until {@code condition} holds, for at most 30 s. */
    private static void until(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fx(condition)) {
            assertTrue(System.nanoTime() < end, "timed out: " + what);
            Thread.sleep(20);
        }
    }

    /** Chooses the folders (an empty destination) and compares them. */
    private void compared(Tree src) throws Exception {
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        await(fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            return vm.compare();
        }));
    }

    @Test
    void batchesBiggerThanOneTurnStillLeaveEveryRowCopiedAndTheCountsRight() throws Exception {
        Tree src = photos(3000);
        compared(src);
        java.util.List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            vm.rowsPerTurn(40); // every batch of this run is bigger than one turn
            vm.progressTextProperty().addListener((o, a, b) -> texts.add(b));
            return null;
        });
        RunSummary s = synced(fx(vm::sync));
        assertEquals(RunSummary.End.COMPLETED, s.end());
        until("the run's end is shown", () -> !vm.busyProperty().get());
        fx(() -> {
            assertTrue(vm.rows().stream().allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT),
                    "every row copied");
            assertTrue(vm.rows().stream().allMatch(r -> r.isFolder() || r.progressProperty().get() == 1.0));
            assertTrue(vm.summaryProperty().get().startsWith("Done: the destination has every file. Copied 3000"
                    + " files"), vm.summaryProperty().get());
            assertEquals(1.0, vm.progressProperty().get());
            return null;
        });
        List<String> shown = texts.stream().filter(t -> !t.isEmpty()).toList();
        assertTrue(shown.getLast().startsWith("0 files left · 0 B left"), shown.getLast());
        assertTrue(shown.stream().allMatch(t -> Long.parseLong(t.substring(0, t.indexOf(' '))) <= 3000), "folders"
                + " are not counted as files: " + shown);
    }

    @Test
    void aRowsLastStateWinsEvenWhenItsEarlierOneIsStillQueued() throws Exception {
        Tree src = photos(300);
        compared(src);
        CopyOutcome copied = new CopyOutcome.Copied(1, new TimesKept(TimeKept.EXACT, TimeKept.EXACT,
                TimeKept.EXACT));
        Map<String, CopyOutcome> failed = new LinkedHashMap<>();
        Map<String, CopyOutcome> thenCopied = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            String path = "20" + (10 + i % 3) + "/IMG_" + i + ".jpg";
            failed.put(path, new CopyOutcome.Failed("disk on fire"));
            thenCopied.put(path, copied);
        }
        fx(() -> {
            vm.rowsPerTurn(25);
            vm.apply(new EventCoalescer.Batch(Map.of(), failed, 0, 300, "", 0, 0));
            assertEquals(25, vm.rows().stream().filter(r -> r.status() == RowStatus.FAILED).count(),
                    "one turn applies at most its share");
            // A later batch says the same files were copied, and one of them is still in flight: the outcome wins.
            vm.apply(new EventCoalescer.Batch(Map.of("2010/IMG_0.jpg", 1L), thenCopied, 300, 300, "", 0, 0));
            return null;
        });
        until("every update applied", () -> vm.rows().stream().filter(r -> !r.isFolder())
                .noneMatch(r -> r.status() == RowStatus.PENDING || r.status() == RowStatus.FAILED));
        fx(() -> {
            assertTrue(vm.rows().stream().filter(r -> !r.isFolder()).allMatch(r -> r.status() == RowStatus.COPIED
                    && r.statusTextProperty().get().equals("Copied")), "the last state of every row");
            return null;
        });
    }

    @Test
    void whatFollowsACompareFindsThePlanShown() throws Exception {
        Tree src = photos(5);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        CompletableFuture<Boolean> planThere = new CompletableFuture<>();
        fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            // As Resume and "Retry failed" do: compare, then sync when it succeeded.
            vm.compare().addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED,
                    e -> planThere.complete(vm.planProperty().get() != null && vm.canSync().get()));
            return null;
        });
        assertTrue(planThere.get(30, TimeUnit.SECONDS), "the plan is shown and Sync possible when the caller runs");
    }

    @Test
    void aLargePlanReachesTheTableOverSeveralTurnsAndSyncWaitsUntilEveryRowIsThere() throws Exception {
        Tree src = photos(300);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        CompletableFuture<String> whileListing = new CompletableFuture<>();
        CompletableFuture<String> whenShown = new CompletableFuture<>();
        Task<Plan> task = fx(() -> {
            vm.listedAtOnce(100); // as 100,000 rows would with the real figure
            vm.rowOrderProperty().set(java.util.Comparator.comparing(FileRow::path).reversed());
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            Task<Plan> t = vm.compare(() -> whenShown.complete(vm.rows().size() + " rows, plan "
                    + (vm.planProperty().get() != null) + ", can sync " + vm.canSync().get()));
            t.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> whileListing.complete(
                    "plan " + (vm.planProperty().get() != null) + ", can sync " + vm.canSync().get() + ", busy "
                            + vm.busyProperty().get() + ", all rows " + (vm.rows().size() == 303) + ", summary "
                            + vm.summaryProperty().get().startsWith("300 files")));
            return t;
        });
        task.get(60, TimeUnit.SECONDS);
        assertEquals("plan false, can sync false, busy true, all rows false, summary false",
                whileListing.get(30, TimeUnit.SECONDS), "while the rows arrive: no plan, no Sync, no counts");
        assertEquals("303 rows, plan true, can sync true", whenShown.get(30, TimeUnit.SECONDS));
        fx(() -> {
            assertEquals(303, vm.visibleRows().size(), "300 files and the 3 folders to create");
            assertTrue(vm.summaryProperty().get().startsWith("300 files"), vm.summaryProperty().get());
            assertFalse(vm.busyProperty().get());
            var paths = vm.rows().stream().map(FileRow::path).toList();
            assertEquals(paths.stream().sorted(java.util.Comparator.reverseOrder()).toList(), paths,
                    "the rows came sorted in the table's order");
            assertEquals(303, new java.util.HashSet<>(paths).size(), "each row once");
            return null;
        });
    }

    @Test
    void notEnoughFreeSpaceIsSaidBeforeAnythingStarts() throws Exception {
        String why = "root".equals(System.getProperty("user.name")) ? null : "mounting a small tmpfs needs root";
        assumeTrue(why == null, why);
        Tree src = Tree.at(tmp.resolve("src")).file("big.bin", 3 << 20, "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("small"));
        Tree.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dst.toString());
        try {
            await(fx(() -> {
                vm.sourceProperty().set(src.root().toString());
                vm.destinationProperty().set(dst.toString());
                return vm.compare();
            }));
            MainViewModel.Confirmation c = fx(vm::confirmation);
            assertFalse(c.enoughSpace());
            assertTrue(c.text().contains("That is not enough"), c.text());
        } finally {
            Tree.run("umount", dst.toString());
        }
    }

    @Test
    void theFiltersNarrowTheTable() throws Exception {
        Tree src = photos(30);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Tree.at(dst).file("2010/IMG_0.jpg", "older", "2000-01-01T00:00:00Z");
        await(fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            return vm.compare();
        }));
        fx(() -> {
            vm.pathFilterProperty().set("img_1");
            assertTrue(vm.visibleRows().stream().allMatch(r -> r.path().toLowerCase().contains("img_1")));
            assertEquals(11, vm.visibleRows().size(), "IMG_1 and IMG_10..19");
            vm.pathFilterProperty().set("");
            vm.statusFilterProperty().set(MainViewModel.StatusFilter.NOT_COPIED);
            assertEquals(1, vm.visibleRows().size());
            assertEquals(RowStatus.DIFFERS, vm.visibleRows().getFirst().status());
            vm.statusFilterProperty().set(MainViewModel.StatusFilter.ALL);
            assertEquals(vm.rows().size(), vm.visibleRows().size());
            return null;
        });
    }

    @Test
    void aCancelledSyncIsOfferedForResumeWhenTheFoldersAreChosenAgain() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 200; i++) {
            src.file("f" + i + ".bin", 200_000, "2012-01-01T00:00:00Z");
        }
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        await(fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.toString());
            vm.threadsProperty().set(1);
            return vm.compare();
        }));
        Task<RunSummary> run = fx(vm::sync);
        fx(() -> {
            vm.cancel();
            return null;
        });
        RunSummary s = synced(run);
        assertEquals(RunSummary.End.CANCELLED, s.end());
        try (var all = Files.list(dst)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".filesync-")), "no partial file");
        }
        fx(() -> {
            assertTrue(vm.summaryProperty().get().startsWith("Cancelled"), vm.summaryProperty().get());
            vm.destinationProperty().set("");
            vm.destinationProperty().set(dst.toString());
            assertTrue(vm.resumeOfferProperty().get().startsWith("The last sync of these folders was cancelled"),
                    vm.resumeOfferProperty().get());
            return null;
        });
    }

    @Test
    void aFileThatDiffersKeepsTheSummaryFromSayingTheDestinationHasEveryFile() throws Exception {
        Tree src = photos(3);
        Path dst = Files.createDirectories(tmp.resolve("dst/2010"));
        Files.writeString(dst.resolve("IMG_0.jpg"), "the backup's own version");
        await(fx(() -> {
            vm.sourceProperty().set(src.root().toString());
            vm.destinationProperty().set(dst.getParent().toString());
            return vm.compare();
        }));
        RunSummary s = synced(fx(vm::sync));
        assertEquals(RunSummary.End.COMPLETED, s.end());
        String summary = fx(() -> vm.summaryProperty().get());
        assertTrue(summary.startsWith("Done: every file to copy was copied, but 1 file in the destination differs from"
                + " the source and was left as it is"), summary);
        assertTrue(!summary.contains("every file.") && summary.contains("filesync verify"), summary);
    }

    @Test
    void aBackupDiskPulledOutMidRunStopsTheSyncAndTheSummaryAndTheFailedRowSayWhich() throws Exception {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        try (FaultFs device = FaultFs.mount(tmp.resolve("device"))) {
            Path held = Files.createDirectories(device.backing().resolve("backup"));
            Tree src = photos(300);
            await(fx(() -> {
                vm.sourceProperty().set(src.root().toString());
                vm.destinationProperty().set(device.root().resolve("backup").toString());
                return vm.compare();
            }));
            Task<RunSummary> run = fx(vm::sync);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Tree.files(held).size() < 5) {
                assertTrue(System.nanoTime() < deadline && !run.isDone(), "the sync did not get going");
                Thread.sleep(2);
            }
            device.vanish("EIO");
            RunSummary s = synced(run);
            assertEquals(RunSummary.End.STOPPED, s.end());
            String summary = fx(() -> vm.summaryProperty().get());
            assertTrue(summary.startsWith("The destination " + device.root().resolve("backup") + " cannot be reached"
                    + " any more"), summary);
            assertTrue(summary.contains("Reconnect the disk at the same place"), summary);
            List<String> failed = fx(() -> vm.rows().stream().filter(r -> r.status() == RowStatus.FAILED)
                    .map(r -> r.statusTextProperty().get()).toList());
            assertEquals(1, failed.size(), failed.toString());
            assertTrue(failed.getFirst().startsWith("Failed: the destination cannot be reached any more"),
                    failed.toString());
        }
    }
}
