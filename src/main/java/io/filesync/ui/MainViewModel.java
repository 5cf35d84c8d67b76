package io.filesync.ui;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.Exclusions;
import io.filesync.engine.MatchMode;
import io.filesync.engine.Plan;
import io.filesync.engine.RunControl;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.SyncOptions;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The main window's state and commands, with no {@code Node} in sight: a thin coordinator over the two folders
 * ({@link FolderPair}) and the plan's table ({@link PlanTable}) that runs a compare or a sync and says how it went
 * ({@link RunText}, {@link Eta}). The work runs on the {@link TaskExecutor}'s background threads; engine events reach
 * this model through an {@link EventCoalescer}, a few dozen batches per second at most. Every method here is called
 * on the UI thread.
 */
public final class MainViewModel {
    /** At most this many batches of engine events per second reach the UI thread. */
    static final long BATCH_GAP_MILLIS = 50;
    /** The window's title when no sync runs. */
    static final String TITLE = "FileSync";

    private final SyncEngine engine;
    private final TaskExecutor executor;
    private final Settings settings;

    private final ObjectProperty<MatchMode> match = new SimpleObjectProperty<>(this, "match", MatchMode.PATH);
    private final BooleanProperty verify = new SimpleBooleanProperty(this, "verify", false);
    /** Copy threads; {@link SyncOptions#BY_DESTINATION} (the default, "Auto"): the engine chooses by the volume. */
    private final IntegerProperty threads = new SimpleIntegerProperty(this, "threads", SyncOptions.BY_DESTINATION);
    private final BooleanProperty copyMissingAgain = new SimpleBooleanProperty(this, "copyMissingAgain", true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary",
            "Choose a source and a destination folder, then Compare.");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<RunSummary> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");

    private final PlanTable table;
    private final FolderPair folders;
    private final RowDetails details;
    private final PlanFacts facts = new PlanFacts();
    private final RecentPairs recent = new RecentPairs();
    private final PairExclusions exclusions = new PairExclusions();
    private final Exports exports;
    private RunControl control;
    private Future<?> running;
    private final RunProgress progress = new RunProgress();

    public MainViewModel(SyncEngine engine, TaskExecutor executor, Settings settings) {
        this.engine = engine;
        this.executor = executor;
        this.settings = settings;
        table = new PlanTable(executor);
        folders = new FolderPair(engine, executor, this::forgetPlan, message::set);
        details = new RowDetails(engine, executor, table.planProperty()::get);
        exports = new Exports(executor, table.rows(), message::set);
        match.addListener((o, a, b) -> forgetPlan());
        settings.load(this);
        theme.addListener((o, a, b) -> remember());
        exclusions.patternsProperty().addListener((o, a, b) -> forgetPlan());
        exclusions.junkProperty().addListener((o, a, b) -> forgetPlan());
        // A pair's own exclusions come back when its folders are chosen (and found valid) again.
        folders.valid().addListener((o, a, b) -> {
            if (b) {
                settings.loadExclusions(this);
            }
        });
    }

    /** Takes the folders and options into the settings and writes them, off the UI thread. */
    private void remember() {
        settings.save(this);
        executor.background("settings", () -> {
            settings.flush();
            return null;
        }, nothing -> { }, failed -> { });
    }

    // ---- compare ------------------------------------------------------------------------------------------------

    /** Scans both folders; the rows and the summary arrive when it succeeds. */
    public void compare() {
        compare(null);
    }

    /**
     * Scans both folders; the rows and the summary arrive when it succeeds, and then, once every row is in the
     * table and the plan is there, {@code whenShown} runs (Resume, "Retry failed": compare, then sync).
     */
    public void compare(Runnable whenShown) {
        if (busy.get()) {
            return;
        }
        String source = folders.sourceProperty().get();
        String destination = folders.destinationProperty().get();
        recent.add(new RecentPairs.Pair(source, destination));
        remember();
        forgetPlan();
        RunControl c = new RunControl();
        control = c;
        MatchMode mode = match.get();
        Exclusions excluded = exclusions.exclusions();
        Comparator<FileRow> order = table.rowOrderProperty().get();
        EventCoalescer events = new EventCoalescer(executor, BATCH_GAP_MILLIS, b -> {
            if (busy.get() && !syncing.get()) {
                progress.say(RunText.scanning(b.sourceSeen(), b.destinationSeen()));
            }
        });
        started(false);
        progress.unknown("Scanning…");
        // Still busy while the rows are handed to the table: Compare, Sync and the folders wait until the plan is
        // there whole.
        running = executor.background("compare", () -> {
            Plan p = engine.plan(FolderPair.pair(source, destination), mode, excluded, events, c);
            return PlanRows.of(p, order);
        }, ready -> show(ready, whenShown), t -> {
            ended();
            message.set(t instanceof BadFoldersException ? t.getMessage() : RunText.failure("Comparing failed", t));
        });
    }

    private void show(PlanRows ready, Runnable whenShown) {
        long t0 = System.nanoTime();
        table.list(ready, progress::say, () -> {
            Plan p = ready.plan();
            ended();
            facts.show(p);
            summary.set(""); // the counters say it
            progress.reset();
            String m = RunText.planMessage(p);
            if (!m.isEmpty()) {
                message.set(m);
            }
            PulseProbe.mark("compared, " + table.rows().size() + " rows, shown in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            if (whenShown != null) {
                whenShown.run();
            }
        });
    }

    // ---- sync ---------------------------------------------------------------------------------------------------

    /**
     * Reads the destination's free space off the UI thread, then hands {@code show} the numbers the Sync confirmation
     * shows and whether the destination has room (on the UI thread; not at all if the plan is gone meanwhile).
     */
    public void confirmation(Consumer<RunText.Confirmation> show) {
        Plan p = table.planProperty().get();
        if (p == null) {
            return;
        }
        PlanRows.Selection s = table.selection(copyMissingAgain.get());
        Path destination = p.pair().destination();
        executor.background("free-space", () -> usableSpace(destination), free -> {
            if (table.planProperty().get() == p) {
                show.accept(RunText.confirmation(s.files(), s.bytes(), destination, free));
            }
        }, t -> show.accept(RunText.confirmation(s.files(), s.bytes(), destination, -1)));
    }

    private static long usableSpace(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Copies the pending files of the current plan. Call after the user confirmed. False when there is no plan. */
    public boolean sync() {
        Plan p = table.planProperty().get();
        if (p == null || busy.get()) {
            return false;
        }
        PlanRows.Selection selection = table.selection(copyMissingAgain.get());
        RunControl c = new RunControl();
        control = c;
        EventCoalescer events = new EventCoalescer(executor, BATCH_GAP_MILLIS, this::apply);
        SyncOptions options = new SyncOptions(threads.get(), verify.get(), false);
        started(true);
        progress.started(selection.files(), selection.bytes());
        // The last batch, then the end once every row update it leaves is applied.
        running = executor.background("sync", () -> engine.sync(p, selection.entries(), options, events, c), s -> {
            events.flushNow();
            executor.ui(() -> table.afterUpdates(() -> finished(s)));
        }, t -> {
            events.flushNow();
            executor.ui(() -> table.afterUpdates(() -> {
                ended();
                message.set(RunText.failure("The sync stopped", t));
            }));
        });
        return true;
    }

    /** Applies one batch of a sync's events (on the UI thread): the rows through the table, the status bar at once. */
    private void apply(EventCoalescer.Batch b) {
        table.update(b);
        progress.apply(b, syncing.get());
    }

    private void finished(RunSummary s) {
        ended();
        lastRun.set(s);
        if (s.end() != RunSummary.End.COMPLETED) {
            table.cancelUnfinished();
        }
        progress.ended(s.end() == RunSummary.End.COMPLETED);
        Plan p = table.planProperty().get();
        summary.set(RunText.ended(s, p == null ? 0 : p.summary().differs().files()));
        table.afterUpdates(() -> {
            table.refilterIfNarrowed();
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
        Future<?> t = running;
        if (t != null && !t.isDone()) {
            try {
                t.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException e) {
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

    private void started(boolean sync) {
        message.set("");
        busy.set(true);
        syncing.set(sync);
        paused.set(false);
    }

    private void ended() {
        progress.ended(false);
        busy.set(false);
        syncing.set(false);
        paused.set(false);
    }

    private void forgetPlan() {
        if (busy.get()) {
            return;
        }
        table.clear();
        facts.clear();
        lastRun.set(null);
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    /** The two folders and what is wrong with them. */
    public FolderPair folders() {
        return folders;
    }

    /** The selected row's times, source beside copy. */
    public RowDetails details() {
        return details;
    }

    /** The shown plan's counters and its destination's facts. */
    public PlanFacts facts() {
        return facts;
    }

    /** The pending list and the run report as CSV files. */
    public Exports exports() {
        return exports;
    }

    /** What the plan leaves out (patterns, the junk preset). */
    public PairExclusions exclusions() {
        return exclusions;
    }

    /** The folder pairs compared last, newest first. */
    public RecentPairs recent() {
        return recent;
    }

    /** The plan's rows and their filters. */
    public PlanTable table() {
        return table;
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

    /** The window's look; the view applies it ({@link Appearance}), the settings remember it. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty copyMissingAgainProperty() {
        return copyMissingAgain;
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

    /** Where the work stands: the status bar's fraction, file and counts, and the window's title. */
    public RunProgress progress() {
        return progress;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    /** Both folders are valid and no work is running: Compare may start. */
    public BooleanBinding canCompare() {
        return folders.valid().and(busy.not()).and(exclusions.problem().isEmpty());
    }

    /** A plan with something to do, and no work running: Sync may start. */
    public BooleanBinding canSync() {
        ReadOnlyObjectProperty<Plan> plan = table.planProperty();
        return Bindings.createBooleanBinding(() -> !busy.get() && folders.valid().get() && plan.get() != null
                && plan.get().hasWork(), busy, folders.valid(), plan);
    }

    /** The engine's home folder (logs, reports), for "Open the log folder". */
    public Path logFolder() {
        return engine.home().root();
    }

}
