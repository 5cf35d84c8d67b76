package io.filesync.ui;

import io.filesync.FaultFs;
import io.filesync.Tree;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The window's view model on its own, with no window and no FX thread: a {@link SynchronousTaskExecutor} runs the
 * compares and syncs on the test's thread and hands their results over before the call returns, so each assertion
 * sees what the window shows once the work is done.
 */
class MainViewModelTest {
    @TempDir
    Path tmp;
    private SynchronousTaskExecutor executor;
    private MainViewModel vm;

    @BeforeEach
    void model() {
        executor = new SynchronousTaskExecutor();
        vm = new MainViewModel(new SyncEngine(new FilesyncHome(tmp.resolve("home"))), executor, Settings.NONE);
    }

    private Tree photos(int n) {
        Tree t = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < n; i++) {
            t.file("20" + (10 + i % 3) + "/IMG_" + i + ".jpg", 500 + i, "2011-02-03T04:05:06.000000007Z");
        }
        return t;
    }

    private void choose(Path source, Path destination) {
        vm.folders().sourceProperty().set(source.toString());
        vm.folders().destinationProperty().set(destination.toString());
    }

    /** Chooses the folders (an empty destination) and compares them. */
    private Path compared(Tree src) throws Exception {
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        choose(src.root(), dst);
        vm.compare();
        return dst;
    }

    @Test
    void eachFieldSaysWhatIsWrongAndCompareWaitsUntilBothAreValid() throws Exception {
        Tree src = photos(3);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        FolderPair folders = vm.folders();
        assertEquals("Choose a source folder.", folders.sourceProblemProperty().get());
        folders.sourceProperty().set(tmp.resolve("missing").toString());
        assertEquals("This folder does not exist.", folders.sourceProblemProperty().get());
        folders.sourceProperty().set(src.path("2010/IMG_0.jpg").toString());
        assertEquals("This is a file, not a folder.", folders.sourceProblemProperty().get());
        folders.sourceProperty().set(src.root().toString());
        assertEquals("", folders.sourceProblemProperty().get());
        folders.destinationProperty().set(src.path("2010").toString());
        assertTrue(folders.destinationProblemProperty().get().contains("inside the source"),
                folders.destinationProblemProperty().get());
        assertFalse(vm.canCompare().get());
        folders.destinationProperty().set(src.root() + "/");
        assertTrue(folders.destinationProblemProperty().get().contains("same folder"));
        folders.destinationProperty().set(dst.toString());
        assertEquals("", folders.destinationProblemProperty().get());
        assertTrue(vm.canCompare().get());
        assertFalse(vm.canSync().get(), "nothing to sync before a compare");
        folders.swap();
        assertEquals(dst.toString(), folders.sourceProperty().get());
    }

    @Test
    void theFoldersAreCheckedOffTheUiThreadAndOnlyTheNewestCheckIsShown() throws Exception {
        Tree src = photos(3);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        executor.holdBackground(); // as a slow or hung mount would: no check has come back yet
        choose(src.root(), dst);
        vm.folders().destinationProperty().set(tmp.resolve("missing").toString());
        assertTrue(vm.folders().checkingProperty().get());
        assertFalse(vm.canCompare().get(), "not before the newest check is back");
        assertEquals(3, executor.held(), "one check per change, none run on the UI thread");
        executor.finishHeld(2);
        assertEquals("This folder does not exist.", vm.folders().destinationProblemProperty().get());
        executor.finishHeld(1); // an earlier change's check, back late: dropped
        assertEquals("This folder does not exist.", vm.folders().destinationProblemProperty().get());
        assertFalse(vm.canCompare().get());
        vm.folders().destinationProperty().set(dst.toString());
        executor.finishHeld(3);
        assertEquals("", vm.folders().destinationProblemProperty().get());
        assertTrue(vm.canCompare().get());
        assertEquals(dst, vm.folders().knownFolder(dst.toString()), "a folder to browse from, known without a look");
    }

    @Test
    void theDetailsOfARowShowItsSourceTimesBesideItsCopysAndWhichWereKept() throws Exception {
        Tree src = photos(3);
        compared(src);
        FileRow row = vm.table().rows().stream().filter(r -> r.path().equals("2010/IMG_0.jpg")).findFirst()
                .orElseThrow();
        vm.details().rowProperty().set(row);
        assertEquals("2010/IMG_0.jpg", vm.details().headingProperty().get());
        RowDetails.Line modified = vm.details().lines().getFirst();
        assertEquals("Modified", modified.time());
        assertTrue(modified.source().endsWith(".000000007"), modified.source());
        assertEquals("not there", modified.copy());
        assertEquals("not copied by this run", modified.kept());

        assertTrue(vm.sync());
        // The row's status changed: the copy is read again.
        modified = vm.details().lines().getFirst();
        assertEquals(modified.source(), modified.copy());
        assertEquals("kept", modified.kept());
        assertEquals("kept", vm.details().lines().get(1).kept(), "accessed");
        RowDetails.Line created = vm.details().lines().get(2);
        assertEquals("Created", created.time());
        assertEquals(row.kept().created().words(), created.kept());
        assertTrue(vm.details().statusProperty().get().startsWith("Copied"), vm.details().statusProperty().get());
    }

    @Test
    void aPlanIsSaidAsCountersWithTheVolumesFactsOnceAndACounterFiltersTheRows() throws Exception {
        Tree src = photos(4);
        src.file("2010/odd.txt", "new", "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Tree.at(dst).file("2010/odd.txt", "old!", "2013-01-01T00:00:00Z");
        choose(src.root(), dst);
        vm.compare();
        List<PlanCounters.Counter> counters = vm.facts().countersProperty().get();
        assertEquals(List.of("To copy", "Present", "Differ", "Skipped", "Conflicts"),
                counters.stream().map(PlanCounters.Counter::name).toList());
        assertEquals("4 files", counters.get(0).files());
        assertEquals("1 file", counters.get(2).files());
        assertEquals("3 B", counters.get(2).bytes());
        assertEquals(null, counters.get(1).filter(), "present files have no rows to show");
        assertTrue(vm.facts().volumeProperty().get().contains("creation time"), vm.facts().volumeProperty().get());
        assertEquals("", vm.summaryProperty().get(), "the counters say it");
        assertTrue(vm.table().rows().stream().noneMatch(r -> r.statusTextProperty().get().contains("volume")
                && r.status() != RowStatus.COPIED_CREATION_NOT_KEPT), "no row repeats the volume's facts");

        vm.table().statusFilterProperty().set(counters.get(2).filter());
        assertEquals(List.of("2010/odd.txt"), vm.table().visibleRows().stream().map(FileRow::path).toList());
        vm.folders().sourceProperty().set(src.path("2010").toString());
        assertEquals(List.of(), vm.facts().countersProperty().get(), "forgotten with the plan");
        assertEquals("", vm.facts().volumeProperty().get());
    }

    @Test
    void theLastTenComparedPairsAreRememberedNewestFirstAndOneCanBeChosenAgain() throws Exception {
        Tree src = photos(1);
        for (int i = 0; i < 12; i++) {
            choose(src.root(), Files.createDirectories(tmp.resolve("dst" + i)));
            vm.compare();
        }
        choose(src.root(), tmp.resolve("dst5")); // again: moves up, not listed twice
        vm.compare();
        List<RecentPairs.Pair> recent = vm.recent().pairs();
        assertEquals(10, recent.size());
        assertEquals(tmp.resolve("dst5").toString(), recent.getFirst().destination());
        assertEquals(tmp.resolve("dst11").toString(), recent.get(1).destination());
        assertEquals(1, recent.stream().filter(p -> p.destination().endsWith("dst5")).count());
        assertFalse(recent.stream().anyMatch(p -> p.destination().endsWith("dst0")), "the oldest dropped");

        vm.folders().choose(recent.get(3));
        assertEquals(src.root().toString(), vm.folders().sourceProperty().get());
        assertEquals(recent.get(3).destination(), vm.folders().destinationProperty().get());
    }

    @Test
    void excludedEntriesAreSkippedWithTheirPatternAndABadPatternStopsCompare() throws Exception {
        Tree src = photos(3);
        src.file("2010/notes.tmp", "x", "2012-01-01T00:00:00Z");
        src.file("cache/big.bin", "y", "2012-01-01T00:00:00Z");
        src.file("2011/Thumbs.db", "z", "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        choose(src.root(), dst);
        vm.exclusions().patternsProperty().set("[oops");
        assertEquals("The exclusion pattern \"[oops\" has a [ without its ].", vm.exclusions().problem().get());
        assertFalse(vm.canCompare().get());
        vm.exclusions().patternsProperty().set(" *.tmp ,cache/ ");
        assertTrue(vm.canCompare().get());
        vm.compare();
        Map<String, String> skipped = new LinkedHashMap<>();
        vm.table().rows().stream().filter(r -> r.status() == RowStatus.SKIPPED)
                .forEach(r -> skipped.put(r.path(), r.statusTextProperty().get()));
        assertEquals(Map.of("2010/notes.tmp", "Skipped: excluded by *.tmp", "cache", "Skipped: excluded by cache/"),
                skipped);
        assertTrue(vm.table().rows().stream().anyMatch(r -> r.path().equals("2011/Thumbs.db")
                && r.status() == RowStatus.PENDING), "junk is copied unless the preset is ticked");

        vm.exclusions().junkProperty().set(true);
        assertEquals(null, vm.table().planProperty().get(), "a changed exclusion forgets the plan");
        vm.compare();
        assertTrue(vm.table().rows().stream().anyMatch(r -> r.path().equals("2011/Thumbs.db")
                && r.statusTextProperty().get().equals("Skipped: excluded by Thumbs.db")));
    }

    @Test
    void eachFolderPairRemembersItsOwnExclusions() throws Exception {
        java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot()
                .node("io/filesync-test-" + System.nanoTime());
        try {
            MainViewModel model = new MainViewModel(new SyncEngine(new FilesyncHome(tmp.resolve("home"))), executor,
                    Settings.in(node));
            Tree src = photos(1);
            Path a = Files.createDirectories(tmp.resolve("a"));
            Path b = Files.createDirectories(tmp.resolve("b"));
            model.folders().sourceProperty().set(src.root().toString());
            model.folders().destinationProperty().set(a.toString());
            model.exclusions().patternsProperty().set("*.tmp");
            model.exclusions().junkProperty().set(true);
            model.compare(); // remembers
            model.folders().destinationProperty().set(b.toString());
            assertEquals("", model.exclusions().patternsProperty().get(), "another pair: its own (none)");
            assertFalse(model.exclusions().junkProperty().get());
            model.folders().destinationProperty().set(a.toString());
            assertEquals("*.tmp", model.exclusions().patternsProperty().get());
            assertTrue(model.exclusions().junkProperty().get());
        } finally {
            node.removeNode();
        }
    }

    @Test
    void thePendingListAndTheRunReportAreSavedAsCsvOffTheUiThread() throws Exception {
        Tree src = photos(2);
        src.file("2012/=cmd(),x.jpg", "evil", "2012-01-01T00:00:00Z");
        compared(src);
        Path pending = tmp.resolve("pending.csv");
        List<String> threads = new ArrayList<>();
        executor.beforeNextWork(() -> threads.add(Files.exists(pending) ? "written before" : "background work"));
        vm.exports().pendingList(pending);
        assertEquals(List.of("background work"), threads, "written as the executor's background work");
        List<String> lines = Files.readAllLines(pending);
        assertEquals("category,path,target,size,modified,reason", lines.getFirst());
        assertTrue(lines.contains("pending,2010/IMG_0.jpg,2010/IMG_0.jpg,500,2011-02-03T04:05:06.000000007Z,"),
                lines.toString());
        assertTrue(lines.contains("pending,\"2012/=cmd(),x.jpg\",\"2012/=cmd(),x.jpg\",4,2012-01-01T00:00:00Z,"),
                lines.toString());
        assertTrue(Files.readString(pending).contains("\r\n"), "CRLF, as RFC 4180 and the CLI's --csv");
        assertTrue(vm.messageProperty().get().startsWith("Saved the pending list ("), vm.messageProperty().get());

        assertTrue(vm.sync());
        Path report = tmp.resolve("report.csv");
        vm.exports().runReport(report);
        lines = Files.readAllLines(report);
        assertEquals("status,path,size,modified kept,accessed kept,created kept,detail", lines.getFirst());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("copied,2010/IMG_0.jpg,500,kept,kept,")), lines.toString());
        assertEquals("'=x", io.filesync.engine.CsvField.of("=x"), "a formula is not run by a spreadsheet");

        vm.exports().runReport(tmp.resolve("no/such/folder/r.csv"));
        assertTrue(vm.messageProperty().get().startsWith("Could not save the run report: "),
                vm.messageProperty().get());
    }

    @Test
    void compareFillsTheTableAndSyncTurnsEveryRowCopiedInFewBatches() throws Exception {
        Tree src = photos(2000);
        Path dst = compared(src);
        assertEquals(2000, vm.table().planProperty().get().summary().pending().files());
        assertEquals(2000 + 3, vm.table().rows().size(), "2,000 files and the 3 folders to create");
        assertEquals(Counts.files(2000, Counts.locale()), vm.facts().countersProperty().get().getFirst().files());
        assertTrue(vm.canSync().get());
        AtomicReference<RunText.Confirmation> asked = new AtomicReference<>();
        vm.confirmation(asked::set);
        assertTrue(asked.get().enoughSpace());
        assertTrue(asked.get().text().startsWith("Copy 2000 files"), asked.get().text());

        int before = executor.uiTasks();
        assertTrue(vm.sync());
        assertFalse(vm.busyProperty().get(), "the run's end is shown");
        assertEquals(RunSummary.End.COMPLETED, vm.lastRunProperty().get().end());
        assertTrue(vm.table().rows().stream().allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT),
                "every row copied (ext4 cannot take a creation time): " + vm.table().rows().stream()
                        .filter(r -> r.status() != RowStatus.COPIED_CREATION_NOT_KEPT).limit(3)
                        .map(r -> r.path() + " " + r.status() + " " + r.statusTextProperty().get()).toList());
        assertTrue(vm.summaryProperty().get().startsWith("Done: the destination has every file."),
                vm.summaryProperty().get());
        assertEquals(1.0, vm.progress().fractionProperty().get());
        // The UI thread hears of 2,003 finished entries in batches, not once per file; their rows take 3 turns.
        int uiTasks = executor.uiTasks() - before;
        assertTrue(uiTasks <= 10, uiTasks + " tasks on the UI thread");
        assertEquals(Tree.files(src.root()), Tree.files(dst));
        for (String rel : Tree.files(dst).keySet()) {
            assertEquals(Tree.times(src.path(rel)).modified(), Tree.times(dst.resolve(rel)).modified(), rel);
        }
    }

    @Test
    void batchesBiggerThanOneTurnStillLeaveEveryRowCopiedAndTheCountsRight() throws Exception {
        Tree src = photos(3000);
        compared(src);
        List<String> texts = new ArrayList<>();
        vm.table().rowsPerTurn(40); // every batch of this run is bigger than one turn
        vm.progress().textProperty().addListener((o, a, b) -> texts.add(b));
        assertTrue(vm.sync());
        assertEquals(RunSummary.End.COMPLETED, vm.lastRunProperty().get().end());
        assertTrue(vm.table().rows().stream().allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT),
                "every row copied");
        assertTrue(vm.table().rows().stream().allMatch(r -> r.isFolder() || r.progressProperty().get() == 1.0));
        assertTrue(vm.summaryProperty().get().startsWith("Done: the destination has every file. Copied 3000"
                + " files"), vm.summaryProperty().get());
        assertEquals(1.0, vm.progress().fractionProperty().get());
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
        PlanTable table = vm.table();
        table.rowsPerTurn(25);
        executor.holdTurns();
        table.update(new EventCoalescer.Batch(Map.of(), failed, 0, 300, "", 0, 0));
        assertEquals(25, table.rows().stream().filter(r -> r.status() == RowStatus.FAILED).count(),
                "one turn applies at most its share");
        // A later batch says the same files were copied, and one of them is still in flight: the outcome wins.
        table.update(new EventCoalescer.Batch(Map.of("2010/IMG_0.jpg", 1L), thenCopied, 300, 300, "", 0, 0));
        assertEquals(300 / 25 - 1, executor.nextTurns(), "the rest, a turn at a time");
        assertTrue(table.rows().stream().filter(r -> !r.isFolder()).allMatch(r -> r.status() == RowStatus.COPIED
                && r.statusTextProperty().get().equals(RowStatus.COPIED.sentence())), "the last state of every row");
    }

    @Test
    void whatFollowsACompareFindsThePlanShown() throws Exception {
        Tree src = photos(5);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        choose(src.root(), dst);
        List<String> seen = new ArrayList<>();
        // As Resume and "Retry failed" do: compare, then sync once the plan is shown.
        vm.compare(() -> seen.add("plan " + (vm.table().planProperty().get() != null) + ", can sync "
                + vm.canSync().get()));
        assertEquals(List.of("plan true, can sync true"), seen);
    }

    @Test
    void sortingPutsTheRowsInOrderAndAnOrderChosenWhileRowsArriveIsAppliedOnceAllAreIn() throws Exception {
        Tree src = photos(300);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        vm.table().listedAtOnce(100);
        choose(src.root(), dst);
        executor.holdTurns();
        vm.compare();
        assertTrue(vm.table().rows().size() < 303, "still arriving");
        Comparator<FileRow> bySize = Comparator.comparingLong(FileRow::size).reversed();
        vm.table().rowOrderProperty().set(bySize);
        List<String> sorted = new ArrayList<>();
        vm.table().sortRows(() -> sorted.add("sorted at " + vm.table().rows().size() + " rows"));
        assertEquals(List.of(), sorted, "not while rows arrive in the earlier order");
        executor.nextTurns();
        assertEquals(List.of("sorted at 303 rows"), sorted);
        List<Long> sizes = vm.table().visibleRows().stream().map(FileRow::size).toList();
        assertEquals(sizes.stream().sorted(Comparator.reverseOrder()).toList(), sizes);
        assertEquals(303, new HashSet<>(vm.table().visibleRows()).size(), "each row once");

        vm.table().statusFilterProperty().set(StatusFilter.PENDING); // the filter keeps the order
        vm.table().rowOrderProperty().set(null);
        vm.table().sortRows(() -> sorted.add("plan order"));
        assertEquals(List.of("sorted at 303 rows", "plan order"), sorted);
        List<String> paths = vm.table().visibleRows().stream().map(FileRow::path).toList();
        assertEquals(paths.stream().sorted().toList(), paths, "back in the plan's order, by path");
        assertEquals(303, paths.size());
    }

    @Test
    void aLargePlanReachesTheTableOverSeveralTurnsAndSyncWaitsUntilEveryRowIsThere() throws Exception {
        Tree src = photos(300);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        List<String> whenShown = new ArrayList<>();
        vm.table().listedAtOnce(100); // as 100,000 rows would with the real figure
        vm.table().rowOrderProperty().set(Comparator.comparing(FileRow::path).reversed());
        choose(src.root(), dst);
        executor.holdTurns();
        vm.compare(() -> whenShown.add(vm.table().rows().size() + " rows, plan "
                + (vm.table().planProperty().get() != null) + ", can sync " + vm.canSync().get()));
        assertEquals("plan false, can sync false, busy true, rows 12, summary false", "plan "
                + (vm.table().planProperty().get() != null) + ", can sync " + vm.canSync().get() + ", busy "
                + vm.busyProperty().get() + ", rows " + vm.table().rows().size() + ", summary "
                + vm.summaryProperty().get().startsWith("300 files"),
                "while the rows arrive: no plan, no Sync, no counts");
        assertEquals("Listing the plan: 12 of 303 rows", vm.progress().textProperty().get());
        assertEquals(List.of(), whenShown);
        assertTrue(executor.nextTurns() > 1);
        assertEquals(List.of("303 rows, plan true, can sync true"), whenShown);
        assertEquals(303, vm.table().visibleRows().size(), "300 files and the 3 folders to create");
        assertTrue(vm.facts().sentenceProperty().get().startsWith("300 files"), vm.facts().sentenceProperty().get());
        assertFalse(vm.busyProperty().get());
        var paths = vm.table().rows().stream().map(FileRow::path).toList();
        assertEquals(paths.stream().sorted(Comparator.reverseOrder()).toList(), paths,
                "the rows came sorted in the table's order");
        assertEquals(303, new HashSet<>(paths).size(), "each row once");
    }

    @Test
    void notEnoughFreeSpaceIsSaidBeforeAnythingStarts() throws Exception {
        String why = "root".equals(System.getProperty("user.name")) ? null : "mounting a small tmpfs needs root";
        assumeTrue(why == null, why);
        Tree src = Tree.at(tmp.resolve("src")).file("big.bin", 3 << 20, "2012-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("small"));
        Tree.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dst.toString());
        try {
            choose(src.root(), dst);
            vm.compare();
            AtomicReference<RunText.Confirmation> asked = new AtomicReference<>();
            vm.confirmation(asked::set);
            assertFalse(asked.get().enoughSpace());
            assertTrue(asked.get().text().contains("That is not enough"), asked.get().text());
        } finally {
            Tree.run("umount", dst.toString());
        }
    }

    @Test
    void theFiltersNarrowTheTable() throws Exception {
        Tree src = photos(30);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Tree.at(dst).file("2010/IMG_0.jpg", "older", "2000-01-01T00:00:00Z");
        choose(src.root(), dst);
        vm.compare();
        PlanTable table = vm.table();
        table.pathFilterProperty().set("img_1");
        assertTrue(table.visibleRows().stream().allMatch(r -> r.path().toLowerCase().contains("img_1")));
        assertEquals(11, table.visibleRows().size(), "IMG_1 and IMG_10..19");
        table.pathFilterProperty().set("");
        table.statusFilterProperty().set(StatusFilter.NOT_COPIED);
        assertEquals(1, table.visibleRows().size());
        assertEquals(RowStatus.DIFFERS, table.visibleRows().getFirst().status());
        table.statusFilterProperty().set(StatusFilter.ALL);
        assertEquals(table.rows().size(), table.visibleRows().size());
    }

    @Test
    void aCancelledSyncIsOfferedForResumeWhenTheFoldersAreChosenAgain() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 20; i++) {
            src.file("f" + i + ".bin", 200_000, "2012-01-01T00:00:00Z");
        }
        Path dst = compared(src);
        executor.beforeNextWork(vm::cancel); // Cancel, clicked as the run starts
        assertTrue(vm.sync());
        assertEquals(RunSummary.End.CANCELLED, vm.lastRunProperty().get().end());
        try (var all = Files.list(dst)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(".filesync-")), "no partial file");
        }
        assertTrue(vm.summaryProperty().get().startsWith("Cancelled"), vm.summaryProperty().get());
        assertTrue(vm.table().rows().stream().allMatch(r -> r.status() == RowStatus.CANCELLED),
                "no row is left pending");
        vm.folders().destinationProperty().set("");
        vm.folders().destinationProperty().set(dst.toString());
        assertTrue(vm.folders().resumeOfferProperty().get().startsWith("The last sync of these folders was cancelled"),
                vm.folders().resumeOfferProperty().get());
    }

    @Test
    void aFileThatDiffersKeepsTheSummaryFromSayingTheDestinationHasEveryFile() throws Exception {
        Tree src = photos(3);
        Path dst = Files.createDirectories(tmp.resolve("dst/2010"));
        Files.writeString(dst.resolve("IMG_0.jpg"), "the backup's own version");
        choose(src.root(), dst.getParent());
        vm.compare();
        assertTrue(vm.sync());
        assertEquals(RunSummary.End.COMPLETED, vm.lastRunProperty().get().end());
        String summary = vm.summaryProperty().get();
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
            choose(src.root(), device.root().resolve("backup"));
            vm.compare();
            // The fault comes from another thread, as a pulled cable would, once the sync is under way; the model
            // itself is only looked at once the sync call has returned.
            Thread pull = Thread.ofPlatform().start(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (Tree.files(held).size() < 5 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(2_000_000); // the device's side, not the model's: leave the cores to the sync
                }
                device.vanish("EIO");
            });
            assertTrue(vm.sync());
            pull.join();
            RunSummary s = vm.lastRunProperty().get();
            assertNotNull(s);
            assertEquals(RunSummary.End.STOPPED, s.end());
            String summary = vm.summaryProperty().get();
            assertTrue(summary.startsWith("The destination " + device.root().resolve("backup") + " cannot be reached"
                    + " any more"), summary);
            assertTrue(summary.contains("Reconnect the disk at the same place"), summary);
            List<String> failed = vm.table().rows().stream().filter(r -> r.status() == RowStatus.FAILED)
                    .map(r -> r.statusTextProperty().get()).toList();
            assertEquals(1, failed.size(), failed.toString());
            assertTrue(failed.getFirst().startsWith("Failed: the destination cannot be reached any more"),
                    failed.toString());
        }
    }
}
