package io.filesync.ui;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.Category;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.MatchMode;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.RunControl;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.SyncOptions;
import io.filesync.engine.SyncPair;
import io.filesync.engine.ThisThread;
import io.filesync.engine.TimeKept;
import io.filesync.engine.Units;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The main window's state and commands, with no {@code Node} in sight: folder fields and what is wrong with them,
 * the pending-file table's rows and filters, and the progress of a compare or a sync. Engine work runs in
 * {@link Task}s on background threads; its events reach this model through an {@link EventCoalescer}, a few
 * dozen batches per second at most. Every method here is called on the UI thread.
 */
public final class MainViewModel {
    /** At most this many batches of engine events per second reach the UI thread. */
    static final long BATCH_GAP_MILLIS = 50;
    /**
     * The most rows one turn of the UI thread updates: a batch with more (1,000 at 20,000 files a second, or many
     * more after a stall) leaves the rest for the next turns, {@link #TURN_GAP_MILLIS} apart, so a frame can be
     * drawn in between.
     */
    static final int ROWS_PER_TURN = 1_000;
    /** ...and the time one turn may take updating rows, whatever their number. */
    static final long TURN_BUDGET_NANOS = 8_000_000;
    static final long TURN_GAP_MILLIS = 15;
    /** While a run goes on, the status filter is re-applied (a walk over every row) at most this often. */
    static final long REFILTER_GAP_MILLIS = 1_000;
    /**
     * A plan of more rows than this reaches the table over several turns of the UI thread, {@link #TURN_GAP_MILLIS}
     * apart, at most this many rows and {@link #TURN_BUDGET_NANOS} a turn, in slices of {@link #LISTING_SLICE}
     * (handing 100,000 rows over at once held the UI thread ~140 ms, and the table's first layout came in the same
     * frame). The plan, and with it Sync and the summary's counts, is only there once every row is; until then the
     * window stays busy (Compare, Sync and the folders disabled) and the status bar says how many rows are listed.
     */
    static final int LISTING_ROWS_PER_TURN = 10_000;
    static final int LISTING_SLICE = 2_000;
    /**
     * The first screenful comes {@link #LISTING_RAMP_STEP} rows a turn, up to {@link #LISTING_RAMP_ROWS}: laying
     * out and styling a screenful of fresh cells (about 25 rows of 6 cells) is the table's dearest frame, so it is
     * spread over a few.
     */
    static final int LISTING_RAMP_STEP = 12;
    static final int LISTING_RAMP_ROWS = 60;

    private final SyncEngine engine;
    private final Executor ui;
    private final ScheduledExecutorService timer;
    private final Settings settings;

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty destination = new SimpleStringProperty(this, "destination", "");
    private final ReadOnlyStringWrapper sourceProblem = new ReadOnlyStringWrapper(this, "sourceProblem", "");
    private final ReadOnlyStringWrapper destinationProblem = new ReadOnlyStringWrapper(this, "destinationProblem", "");
    private final ObjectProperty<MatchMode> match = new SimpleObjectProperty<>(this, "match", MatchMode.PATH);
    private final BooleanProperty verify = new SimpleBooleanProperty(this, "verify", false);
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads", SyncOptions.defaultThreads());
    private final BooleanProperty copyMissingAgain = new SimpleBooleanProperty(this, "copyMissingAgain", true);

    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<FileRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FileRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final StringProperty pathFilter = new SimpleStringProperty(this, "pathFilter", "");
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(this, "statusFilter",
            StatusFilter.ALL);
    private Map<String, FileRow> rowByPath = new HashMap<>();
    /** The current plan's files to copy, with and without those copied before (worked out off the UI thread). */
    private Selections selections;
    /**
     * Row updates not applied yet, in arrival order: a {@link CopyOutcome}, or {@link RowStatus#CANCELLED}. A later
     * update of a row replaces its earlier one in place, so the last state always wins.
     */
    private final LinkedHashMap<FileRow, Object> backlog = new LinkedHashMap<>();
    private int rowsPerTurn = ROWS_PER_TURN;
    private boolean turnScheduled;
    private Runnable whenApplied;
    private boolean refilterScheduled;
    private long lastRefilterNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper currentFile = new ReadOnlyStringWrapper(this, "currentFile", "");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary",
            "Choose a source and a destination folder, then Compare.");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper resumeOffer = new ReadOnlyStringWrapper(this, "resumeOffer", "");
    private final ReadOnlyObjectWrapper<RunSummary> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");

    private final BooleanBinding foldersValid;
    /** The table's sort order (null: the plan's order); a compare sorts its rows this way off the UI thread. */
    private final ObjectProperty<Comparator<FileRow>> rowOrder = new SimpleObjectProperty<>(this,
            "rowOrder");
    /** The plan whose rows are being handed to the table a turn at a time, or null. */
    private Object listing;
    /** Plans of up to this many rows are shown in one turn. */
    private int listedAtOnce = LISTING_ROWS_PER_TURN;
    private RunControl control;
    private Task<?> running;
    private long runStartedNanos;
    private long runBytes;
    private long runFiles;

    /** A plan's rows and its path index, built on the compare's thread. */
    private record Rows(List<FileRow> list, Map<String, FileRow> byPath, Selections selections) {
        static Rows of(Plan p, Comparator<FileRow> order) {
            List<FileRow> list = new ArrayList<>(p.entries().size());
            Map<String, FileRow> byPath = HashMap.newHashMap(p.entries().size());
            List<PlanEntry> all = new ArrayList<>();
            List<PlanEntry> fresh = new ArrayList<>();
            for (PlanEntry e : p.entries()) {
                if (e.category() == Category.PRESENT) {
                    continue;
                }
                FileRow r = new FileRow(e);
                list.add(r);
                byPath.put(e.path(), r);
                if (e.category() == Category.PENDING) {
                    all.add(e);
                    if (!e.copiedBefore()) {
                        fresh.add(e);
                    }
                }
            }
            if (order != null) {
                // Already in the table's order, the sorted list's work as the rows arrive is a binary search each
                // (appended in order: nothing to move); unsorted, every arriving row would move up to all others.
                try {
                    list.sort(order);
                } catch (RuntimeException changedMeanwhile) {
                    // The order changed while sorting (its columns are the table's): the sorted list sorts anyway.
                }
            }
            Selection everything = Selection.of(all);
            return new Rows(list, byPath,
                    new Selections(everything, fresh.size() == all.size() ? everything : Selection.of(fresh)));
        }
    }

    /** What a sync copies: the entries, and how many files and bytes they make. */
    private record Selection(List<PlanEntry> entries, long files, long bytes) {
        static Selection of(List<PlanEntry> entries) {
            long files = 0;
            long bytes = 0;
            for (PlanEntry e : entries) {
                bytes += e.size();
                files += e.isFolder() ? 0 : 1;
            }
            return new Selection(entries, files, bytes);
        }
    }

    /** {@code all}: every pending entry; {@code fresh}: without those an earlier run copied ("Copy them again" off). */
    private record Selections(Selection all, Selection fresh) {
    }

    /** Which rows the status filter lets through. */
    public enum StatusFilter {
        ALL("All", s -> true),
        PENDING("Pending", s -> s == RowStatus.PENDING || s == RowStatus.COPYING),
        COPIED("Copied", s -> s == RowStatus.COPIED || s == RowStatus.COPIED_CREATION_NOT_KEPT),
        FAILED("Failed", s -> s == RowStatus.FAILED || s == RowStatus.NOT_REPLACED || s == RowStatus.CANCELLED),
        NOT_COPIED("Skipped, differs, conflicts",
                s -> s == RowStatus.SKIPPED || s == RowStatus.DIFFERS || s == RowStatus.CONFLICT);

        private final String words;
        private final Predicate<RowStatus> accepts;

        StatusFilter(String words, Predicate<RowStatus> accepts) {
            this.words = words;
            this.accepts = accepts;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /**
     * @param ui    runs a task on the UI thread ({@code Platform::runLater})
     * @param timer paces the batches of engine events
     */
    public MainViewModel(SyncEngine engine, Executor ui, ScheduledExecutorService timer, Settings settings) {
        this.engine = engine;
        this.ui = ui;
        this.timer = timer;
        this.settings = settings;
        source.addListener((o, a, b) -> foldersChanged());
        destination.addListener((o, a, b) -> foldersChanged());
        match.addListener((o, a, b) -> forgetPlan());
        pathFilter.addListener((o, a, b) -> refilter());
        statusFilter.addListener((o, a, b) -> refilter());
        foldersValid = Bindings.createBooleanBinding(
                () -> sourceProblem.get().isEmpty() && destinationProblem.get().isEmpty(),
                sourceProblem, destinationProblem);
        settings.load(this);
        foldersChanged();
    }

    // ---- folders ------------------------------------------------------------------------------------------------

    private void foldersChanged() {
        forgetPlan();
        sourceProblem.set(fieldProblem(source.get(), "source"));
        destinationProblem.set(fieldProblem(destination.get(), "destination"));
        resumeOffer.set("");
        if (sourceProblem.get().isEmpty() && destinationProblem.get().isEmpty()) {
            try {
                SyncPair pair = pair();
                offerResume(pair);
            } catch (BadFoldersException e) {
                destinationProblem.set(e.getMessage());
            }
        }
    }

    /** What is wrong with one field on its own, in words; empty when nothing is. */
    static String fieldProblem(String text, String role) {
        if (text == null || text.isBlank()) {
            return "Choose a " + role + " folder.";
        }
        Path p = Path.of(text.strip());
        if (!Files.exists(p)) {
            return "This folder does not exist.";
        }
        if (!Files.isDirectory(p)) {
            return "This is a file, not a folder.";
        }
        return "";
    }

    private SyncPair pair() throws BadFoldersException {
        return SyncPair.of(Path.of(source.get().strip()), Path.of(destination.get().strip()));
    }

    private void offerResume(SyncPair pair) {
        try {
            Optional<SyncEngine.EarlierRun> earlier = engine.earlierRun(pair);
            earlier.ifPresent(e -> {
                if (!e.warnings().isEmpty()) {
                    message.set(String.join(" ", e.warnings()));
                } else if (e.unfinished()) {
                    resumeOffer.set(switch (e.lastRun() == null ? "" : e.lastRun()) {
                        case "running" -> "The last sync of these folders was interrupted";
                        case "cancelled" -> "The last sync of these folders was cancelled";
                        case "stopped" -> "The last sync of these folders stopped: the destination was full";
                        default -> "The last sync of these folders left work undone";
                    } + " after copying " + Units.files(e.filesCopied()) + (e.filesFailed() > 0 ? " ("
                            + Units.files(e.filesFailed()) + " failed)" : "") + ". Resume copies the rest.");
                }
            });
        } catch (IOException e) {
            message.set("The checkpoint of these folders cannot be read: " + e.getMessage());
        }
    }

    public void swap() {
        String s = source.get();
        source.set(destination.get());
        destination.set(s);
    }

    // ---- compare ------------------------------------------------------------------------------------------------

    /** Scans both folders; the rows and the summary arrive when it succeeds. Returns the running task. */
    public Task<Plan> compare() {
        return compare(null);
    }

    /**
     * Scans both folders; the rows and the summary arrive when it succeeds, and then, once every row is in the
     * table and the plan is there, {@code whenShown} runs (Resume, "Retry failed": compare, then sync). Returns the
     * running task.
     */
    public Task<Plan> compare(Runnable whenShown) {
        SyncPair pair;
        try {
            pair = pair();
        } catch (BadFoldersException e) {
            message.set(e.getMessage());
            return null;
        }
        settings.save(this);
        forgetPlan();
        RunControl c = new RunControl();
        control = c;
        MatchMode mode = match.get();
        Comparator<FileRow> order = rowOrder.get();
        EventCoalescer events = new EventCoalescer(ui, timer, BATCH_GAP_MILLIS, b -> {
            if (busy.get() && !syncing.get()) {
                progressText.set("Scanning: " + String.format(Locale.ROOT, "%,d", b.sourceSeen()) + " entries in the"
                        + " source, " + String.format(Locale.ROOT, "%,d", b.destinationSeen())
                        + " in the destination");
            }
        });
        var task = new Task<Plan>() {
            private Rows ready;

            @Override
            protected Plan call() throws Exception {
                Plan p = engine.plan(pair, mode, events, c);
                ready = Rows.of(p, order); // 100,000 rows take tens of milliseconds: not on the UI thread
                return p;
            }
        };
        started(false);
        progress.set(-1);
        progressText.set("Scanning…");
        // Still busy while the rows are handed to the table: Compare, Sync and the folders wait until the plan is
        // there whole.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> showPlan(task.getValue(), task.ready,
                whenShown));
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            ended();
            message.set(failure("Comparing failed", task.getException()));
        });
        start(task, "compare");
        return task;
    }

    private void showPlan(Plan p, Rows ready, Runnable whenShown) {
        long t0 = System.nanoTime();
        rowByPath = ready.byPath();
        selections = ready.selections();
        List<FileRow> all = ready.list();
        Object token = new Object();
        listing = token;
        if (all.size() <= listedAtOnce) {
            rows.setAll(all);
            planShown(p, t0, whenShown);
            return;
        }
        rows.setAll(all.subList(0, LISTING_RAMP_STEP));
        progressText.set(listingText(LISTING_RAMP_STEP, all.size()));
        later(TURN_GAP_MILLIS, () -> listTurn(token, p, all, LISTING_RAMP_STEP, t0, whenShown));
    }

    /** Hands the next turn's rows to the table; the plan is shown when the last ones are in. */
    private void listTurn(Object token, Plan p, List<FileRow> all, int from, long t0, Runnable whenShown) {
        if (listing != token) {
            return;
        }
        // Slices, until the turn's time is spent: each hand-over costs the sorted list a walk over its rows, and
        // one of 10,000 rows measured 7-46 ms on the busy 2-core machine.
        long deadline = System.nanoTime() + TURN_BUDGET_NANOS;
        int to = from;
        if (from < LISTING_RAMP_ROWS) {
            to = Math.min(all.size(), from + LISTING_RAMP_STEP);
            rows.addAll(all.subList(from, to));
        } else {
            do {
                int next = Math.min(all.size(), to + LISTING_SLICE);
                rows.addAll(all.subList(to, next));
                to = next;
            } while (to < all.size() && to - from < LISTING_ROWS_PER_TURN && System.nanoTime() < deadline);
        }
        if (to < all.size()) {
            int shown = to;
            progressText.set(listingText(shown, all.size()));
            later(TURN_GAP_MILLIS, () -> listTurn(token, p, all, shown, t0, whenShown));
        } else {
            planShown(p, t0, whenShown);
        }
    }

    private static String listingText(int shown, int all) {
        return "Listing the plan: " + String.format(Locale.ROOT, "%,d of %,d rows", shown, all);
    }

    private void planShown(Plan p, long t0, Runnable whenShown) {
        listing = null;
        ended();
        plan.set(p);
        var s = p.summary();
        summary.set(Units.files(s.pending().files()) + " (" + Units.bytes(s.pending().bytes()) + ") to copy"
                + (s.pendingFolders() > 0 ? " and " + s.pendingFolders() + " folder(s) to create" : "") + " · "
                + Units.files(s.present().files()) + " already present · " + Units.files(s.differs().files())
                + " differ (kept) · " + Units.files(s.skipped().files()) + " skipped"
                + (s.conflicts().files() > 0 ? " · " + Units.files(s.conflicts().files()) + " conflicts" : "")
                + ". " + p.destinationVolume().sentence());
        progress.set(0);
        progressText.set("");
        if (!p.missingSinceLastRun().isEmpty()) {
            message.set(Units.files(p.missingSinceLastRun().size()) + " that an earlier run copied are no longer"
                    + " in the destination; they are pending again (untick \"Copy them again\" to leave them out).");
        } else if (!p.warnings().isEmpty()) {
            message.set(String.join(" ", p.warnings()));
        }
        PulseProbe.mark("compared, " + rows.size() + " rows, shown in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        if (whenShown != null) {
            whenShown.run();
        }
    }

    // ---- sync ---------------------------------------------------------------------------------------------------

    /** The numbers the confirmation shows, and whether the destination has room. */
    public record Confirmation(String text, boolean enoughSpace) {
    }

    public Confirmation confirmation() {
        Plan p = plan.get();
        long bytes = selection().bytes();
        long files = selection().files();
        long free;
        try {
            free = Files.getFileStore(p.pair().destination()).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        boolean enough = free < 0 || free >= bytes;
        String text = "Copy " + Units.files(files) + " (" + Units.bytes(bytes) + ") into " + p.pair().destination()
                + "?\n\nFree space there: " + (free < 0 ? "unknown" : Units.bytes(free)) + ". "
                + (enough ? "Nothing in the destination is overwritten or deleted."
                : "That is not enough: free " + Units.bytes(bytes - free) + " more, or choose another destination.");
        return new Confirmation(text, enough);
    }

    private Selection selection() {
        return copyMissingAgain.get() ? selections.all() : selections.fresh();
    }

    /** Copies the pending files of the current plan. Call after the user confirmed. Returns the running task. */
    public Task<RunSummary> sync() {
        Plan p = plan.get();
        if (p == null) {
            return null;
        }
        Selection selection = selection();
        RunControl c = new RunControl();
        control = c;
        runBytes = selection.bytes();
        runFiles = selection.files();
        runStartedNanos = System.nanoTime();
        EventCoalescer events = new EventCoalescer(ui, timer, BATCH_GAP_MILLIS, this::apply);
        SyncOptions options = new SyncOptions(threads.get(), verify.get(), false);
        Task<RunSummary> task = new Task<>() {
            @Override
            protected RunSummary call() throws Exception {
                return engine.sync(p, selection.entries(), options, events, c);
            }
        };
        started(true);
        progress.set(0);
        // The last batch, then the end once every row update it leaves is applied.
        task.setOnSucceeded(e -> {
            events.flushNow();
            ui.execute(() -> afterBacklog(() -> finished(task.getValue())));
        });
        task.setOnFailed(e -> {
            events.flushNow();
            ui.execute(() -> afterBacklog(() -> {
                ended();
                message.set(failure("The sync stopped", task.getException()));
            }));
        });
        start(task, "sync");
        return task;
    }

    /**
     * Applies one batch of engine events (on the UI thread): the status bar at once, the rows of finished files up
     * to what one turn may do ({@link #ROWS_PER_TURN}, {@link #TURN_BUDGET_NANOS}), the rest in the next turns.
     */
    void apply(EventCoalescer.Batch b) {
        for (Map.Entry<String, CopyOutcome> e : b.finished().entrySet()) {
            FileRow r = rowByPath.get(e.getKey());
            if (r != null) {
                backlog.put(r, e.getValue());
            }
        }
        for (Map.Entry<String, Long> e : b.copying().entrySet()) {
            FileRow r = rowByPath.get(e.getKey());
            if (r == null || backlog.containsKey(r)) {
                continue; // its outcome is already queued: that wins
            }
            if (r.isFolder()) {
                r.set(RowStatus.COPYING, "Created; its times are set when its content is written");
            } else {
                double f = r.size() == 0 ? 0 : (double) e.getValue() / r.size();
                r.set(RowStatus.COPYING, "Copying " + Math.round(100 * f) + " %");
                r.progressProperty().set(f);
            }
        }
        applyTurn();
        progress.set(runBytes == 0 ? (runFiles == 0 ? 1 : (double) b.filesDone() / runFiles)
                : (double) b.bytesDone() / runBytes);
        currentFile.set(b.current());
        double seconds = (System.nanoTime() - runStartedNanos) / 1e9;
        double rate = seconds > 0 ? b.bytesDone() / seconds : 0;
        long bytesLeft = Math.max(0, runBytes - b.bytesDone());
        long filesLeft = Math.max(0, runFiles - b.filesDone());
        // Small files cost per file, large ones per byte: the later of the two estimates.
        double fileRate = seconds > 0 ? (runFiles - filesLeft) / seconds : 0;
        double etaSeconds = Math.max(rate > 0 ? bytesLeft / rate : 0, fileRate > 0 ? filesLeft / fileRate : 0);
        String eta = rate > 0 || fileRate > 0 ? Units.duration(Duration.ofSeconds((long) etaSeconds)) : "–";
        progressText.set(Units.files(filesLeft) + " left · " + Units.bytes(bytesLeft)
                + " left · " + Units.bytes((long) rate) + "/s · elapsed "
                + Units.duration(Duration.ofSeconds((long) seconds)) + " · ETA " + eta);
    }

    /** Applies queued row updates for at most one turn's worth; schedules the next turn if some are left. */
    private void applyTurn() {
        long deadline = System.nanoTime() + TURN_BUDGET_NANOS;
        int n = 0;
        for (var it = backlog.entrySet().iterator(); it.hasNext() && n < rowsPerTurn; n++) {
            if (n % 64 == 63 && System.nanoTime() > deadline) {
                break;
            }
            Map.Entry<FileRow, Object> e = it.next();
            FileRow r = e.getKey();
            Object update = e.getValue();
            it.remove();
            if (update instanceof CopyOutcome o) {
                show(r, o);
            } else {
                r.set(RowStatus.CANCELLED, RowStatus.CANCELLED.words());
                r.progressProperty().set(0);
            }
        }
        // Re-filtering walks every row: only when the status filter can change what is shown, and at most once a
        // second (measured: once per batch with 100,000 rows cut the window to 6-15 frames a second).
        if (n > 0 && statusFilter.get() != StatusFilter.ALL) {
            refilterSoon();
        }
        if (!backlog.isEmpty()) {
            if (!turnScheduled) {
                turnScheduled = true;
                later(TURN_GAP_MILLIS, () -> {
                    turnScheduled = false;
                    applyTurn();
                });
            }
        } else if (whenApplied != null) {
            Runnable next = whenApplied;
            whenApplied = null;
            next.run();
        }
    }

    /** Runs {@code next} once every queued row update is applied: now if none is queued. */
    private void afterBacklog(Runnable next) {
        if (backlog.isEmpty()) {
            next.run();
        } else {
            whenApplied = next;
        }
    }

    private void refilterSoon() {
        if (refilterScheduled) {
            return;
        }
        long wait = lastRefilterNanos + REFILTER_GAP_MILLIS * 1_000_000 - System.nanoTime();
        if (wait <= 0) {
            refilter();
        } else {
            refilterScheduled = true;
            later(wait / 1_000_000 + 1, () -> {
                refilterScheduled = false;
                refilter();
            });
        }
    }

    /** Runs {@code r} on the UI thread after {@code millis}, so frames can be drawn in between. */
    private void later(long millis, Runnable r) {
        try {
            timer.schedule(() -> ui.execute(r), millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            ui.execute(r); // the window is closing: no pacing needed
        }
    }

    private static final String CREATION_KEPT_ASIDE = RowStatus.COPIED_CREATION_NOT_KEPT.words()
            + " (kept in user.filesync.crtime)";

    private static void show(FileRow r, CopyOutcome o) {
        switch (o) {
            case CopyOutcome.Copied c -> {
                r.progressProperty().set(1);
                if (c.times().created() == TimeKept.EXACT || c.times().created() == TimeKept.TO_RESOLUTION
                        || c.times().created() == TimeKept.NO_SOURCE_VALUE) {
                    r.set(RowStatus.COPIED, RowStatus.COPIED.words());
                } else if (c.times().created() == TimeKept.KEPT_ASIDE) {
                    r.set(RowStatus.COPIED_CREATION_NOT_KEPT, CREATION_KEPT_ASIDE);
                } else {
                    r.set(RowStatus.COPIED_CREATION_NOT_KEPT, RowStatus.COPIED_CREATION_NOT_KEPT.words());
                }
            }
            case CopyOutcome.Failed f -> r.set(RowStatus.FAILED, "Failed: " + f.reason());
            case CopyOutcome.NotReplaced n -> r.set(RowStatus.NOT_REPLACED, "Not copied: " + n.reason());
        }
    }

    private void finished(RunSummary s) {
        ended();
        lastRun.set(s);
        if (s.end() != RunSummary.End.COMPLETED) {
            for (FileRow r : rows) {
                if (r.status() == RowStatus.COPYING || r.status() == RowStatus.PENDING) {
                    backlog.put(r, RowStatus.CANCELLED); // up to every row: applied a turn at a time
                }
            }
        }
        progress.set(s.end() == RunSummary.End.COMPLETED ? 1 : progress.get());
        currentFile.set("");
        long differ = plan.get() == null ? 0 : plan.get().summary().differs().files();
        summary.set(switch (s.end()) {
            case COMPLETED -> !s.failed().isEmpty() ? "Done, with failures. "
                    : differ == 0 ? "Done: the destination has every file. "
                    : "Done: every file to copy was copied, but " + Units.files(differ) + " in the destination "
                    + (differ == 1 ? "differs" : "differ") + " from the source and " + (differ == 1 ? "was" : "were")
                    + " left as " + (differ == 1 ? "it is" : "they are") + " (show \"Differs\"; `filesync verify` checks every"
                    + " copy). ";
            case CANCELLED -> "Cancelled; no partial file was left. Compare and Sync again to resume. ";
            case STOPPED -> s.stopReason() + " ";
        } + "Copied " + Units.files(s.copied().files()) + " (" + Units.bytes(s.copied().bytes()) + ")"
                + (s.failed().isEmpty() ? "" : ", " + Units.files(s.failed().size()) + " failed")
                + (s.creationNotKept() > 0 ? "; creation time not kept by the destination on "
                + Units.files(s.creationNotKept()) : "")
                + (s.otherTimesNotKept() > 0 ? "; other times not kept on " + Units.files(s.otherTimesNotKept()) : "")
                + ".");
        progressText.set("");
        applyTurn();
        afterBacklog(() -> {
            if (statusFilter.get() != StatusFilter.ALL) {
                refilter(); // the statuses changed; with "All" the rows shown stay the same
            }
            PulseProbe.mark("sync ended, " + s.end());
        });
    }

    // ---- control ------------------------------------------------------------------------------------------------

    public void cancel() {
        if (control != null) {
            control.cancel();
        }
    }

    /**
     * For closing the window: cancels what runs and waits (at most {@code millis}) until the engine has removed the
     * copy in flight and saved the checkpoint, so quitting mid-sync leaves the same state as Cancel.
     */
    public void cancelAndWait(long millis) {
        cancel();
        Task<?> t = running;
        if (t != null && !t.isDone()) {
            try {
                t.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.CancellationException e) {
                // Timed out or failed: the next run sweeps any temporary file; nothing is under a final name.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void pause() {
        if (control != null && syncing.get()) {
            control.pause();
            paused.set(true);
        }
    }

    public void resume() {
        if (control != null) {
            control.resume();
            paused.set(false);
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private void started(boolean sync) {
        message.set("");
        busy.set(true);
        syncing.set(sync);
        paused.set(false);
    }

    private void ended() {
        busy.set(false);
        syncing.set(false);
        paused.set(false);
    }

    private void start(Task<?> task, String name) {
        running = task;
        // The work and every thread it starts (the copying pool) run at a lower priority than the UI thread: on 2
        // busy cores the UI thread then gets the processor as soon as it has a frame to draw.
        Thread t = new Thread(() -> {
            ThisThread.lowerPriority();
            task.run();
        }, "filesync-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static String failure(String what, Throwable t) {
        String m = t == null ? null : t.getMessage();
        return what + ": " + (m == null || m.isBlank() ? String.valueOf(t) : m);
    }

    private void forgetPlan() {
        if (busy.get()) {
            return;
        }
        plan.set(null);
        listing = null;
        rows.clear();
        rowByPath = new HashMap<>();
        selections = null;
        backlog.clear();
        whenApplied = null;
        lastRun.set(null);
    }

    private void refilter() {
        lastRefilterNanos = System.nanoTime();
        String text = pathFilter.get() == null ? "" : pathFilter.get().strip().toLowerCase(Locale.ROOT);
        StatusFilter f = statusFilter.get() == null ? StatusFilter.ALL : statusFilter.get();
        visibleRows.setPredicate(r -> f.accepts.test(r.status())
                && (text.isEmpty() || r.path().toLowerCase(Locale.ROOT).contains(text)));
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public ReadOnlyStringProperty sourceProblemProperty() {
        return sourceProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty destinationProblemProperty() {
        return destinationProblem.getReadOnlyProperty();
    }

    public ObjectProperty<MatchMode> matchProperty() {
        return match;
    }

    public BooleanProperty verifyProperty() {
        return verify;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    public BooleanProperty copyMissingAgainProperty() {
        return copyMissingAgain;
    }

    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** For tests: a smaller number makes a small plan's rows reach the table over several turns. */
    void listedAtOnce(int n) {
        listedAtOnce = n;
    }

    /** For tests: a smaller cap makes an ordinary batch bigger than one turn. */
    void rowsPerTurn(int n) {
        rowsPerTurn = n;
    }

    /** All rows of the current plan. */
    public ObservableList<FileRow> rows() {
        return rows;
    }

    /** The table's sort order, which a compare sorts the plan's rows in before they reach the table. */
    public ObjectProperty<Comparator<FileRow>> rowOrderProperty() {
        return rowOrder;
    }

    /** The rows the filters let through. */
    public FilteredList<FileRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty pathFilterProperty() {
        return pathFilter;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentFileProperty() {
        return currentFile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resumeOfferProperty() {
        return resumeOffer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    /** Both folders are valid and no work is running: Compare may start. */
    public BooleanBinding canCompare() {
        return foldersValid.and(busy.not());
    }

    /** A plan with something to do, and no work running: Sync may start. */
    public BooleanBinding canSync() {
        return Bindings.createBooleanBinding(() -> !busy.get() && foldersValid.get() && plan.get() != null
                && plan.get().hasWork(), busy, foldersValid, plan);
    }

    /** The engine's home folder (logs, reports), for "Open the log folder". */
    public Path logFolder() {
        return engine.home().root();
    }
}
