package io.filesync.ui;

import io.filesync.engine.CopyOutcome;
import io.filesync.engine.Plan;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The plan's table: its rows, the filters over them, and the two floods that reach them through one {@link Pacer}:
 * a large plan's rows arriving, and a sync's row updates (the last state of a row winning). Called on the UI thread.
 */
public final class PlanTable {
    /**
     * The most row updates one turn applies: a batch with more (1,000 at 20,000 files a second, or many more after a
     * stall) leaves the rest for the next turns, so a frame can be drawn in between.
     */
    static final int ROWS_PER_TURN = 1_000;
    /** While a run goes on, the status filter is re-applied (a walk over every row) at most this often. */
    static final long REFILTER_GAP_MILLIS = 1_000;
    /**
     * A plan of more rows than this reaches the table over several turns (handing a large plan over at once held the UI
     * thread for several frames, and the table's first layout came in the same frame: bench/README.md, "Figures behind
     * the design"). The plan, and with it Sync and the summary's counts, is only there once every row is; until then
     * the window stays busy and the status bar says how many rows are listed.
     */
    static final int LISTED_AT_ONCE = 10_000;
    /**
     * At most this many rows a turn, in slices of {@link #LISTING_SLICE}, as long as the turn's time lasts. Without a
     * sorted list behind the table a slice costs the filtered list and the table little, so a million rows take about
     * 20 turns (bench/README.md, "Issue 19").
     */
    static final int LISTING_ROWS_PER_TURN = 50_000;
    static final int LISTING_SLICE = 5_000;
    /**
     * The first screenful comes {@link #LISTING_RAMP_STEP} rows a turn, up to {@link #LISTING_RAMP_ROWS}: laying out
     * and styling a screenful of fresh cells (about 25 rows of 6 cells) is the table's dearest frame, so it is spread
     * over a few.
     */
    static final int LISTING_RAMP_STEP = 12;
    static final int LISTING_RAMP_ROWS = 60;
    /** Row updates applied between two looks at the clock. */
    private static final int UPDATE_SLICE = 64;
    /** Up to this many rows are sorted on the UI thread; more on a background thread, then handed over at once. */
    static final int SORTED_AT_ONCE = 10_000;
    private static final Comparator<FileRow> BY_PATH = Comparator.comparing(FileRow::path);

    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<FileRow> rows = FXCollections.observableArrayList();
    private final FilteredList<FileRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final StringProperty pathFilter = new SimpleStringProperty(this, "pathFilter", "");
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(this, "statusFilter",
            StatusFilter.ALL);
    /** The table's sort order (null: the plan's order); a compare sorts its rows this way off the UI thread. */
    private final ObjectProperty<Comparator<FileRow>> rowOrder = new SimpleObjectProperty<>(this, "rowOrder");
    private PlanRows current = PlanRows.NONE;
    private final Listing listing = new Listing();
    private final Pacer listingTurns;
    /**
     * Row updates not applied yet, in arrival order: a {@link CopyOutcome}, or {@link RowStatus#CANCELLED}. A later
     * update of a row replaces its earlier one in place, so the last state always wins.
     */
    private final LinkedHashMap<FileRow, Object> backlog = new LinkedHashMap<>();
    private final Pacer updateTurns;
    private int rowsPerTurn = ROWS_PER_TURN;
    /** Plans of up to this many rows are shown in one turn. */
    private int listedAtOnce = LISTED_AT_ONCE;
    private boolean refilterScheduled;
    /** Counts sort requests: a background sort hands its rows over only if no later request or plan came. */
    private int sorts;
    /** The table's order changed while a plan's rows were still arriving: they are sorted once all are in. */
    private Runnable sortWhenListed;
    private long lastRefilterNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    PlanTable(TaskExecutor executor) {
        this.executor = executor;
        listingTurns = new Pacer(executor, listing);
        updateTurns = new Pacer(executor, new Updates());
        pathFilter.addListener((o, a, b) -> refilter());
        statusFilter.addListener((o, a, b) -> refilter());
    }

    /** A compared plan's rows on their way to the table. */
    private final class Listing implements Pacer.Work {
        private List<FileRow> all = List.of();
        private int shown;
        private Consumer<String> say = s -> { };

        @Override
        public int left() {
            return all.size() - shown;
        }

        @Override
        public int perTurn() {
            return all.size() <= listedAtOnce ? all.size()
                    : shown < LISTING_RAMP_ROWS ? LISTING_RAMP_STEP : LISTING_ROWS_PER_TURN;
        }

        @Override
        public int slice() {
            // Each hand-over costs the filtered list and the table a walk over the rows handed over (a large slice
            // takes frames), hence slices, until the turn's time is spent.
            return all.size() <= listedAtOnce ? all.size() : shown < LISTING_RAMP_ROWS ? LISTING_RAMP_STEP
                    : LISTING_SLICE;
        }

        @Override
        public void take(int n) {
            rows.addAll(all.subList(shown, shown + n));
            shown += n;
        }

        @Override
        public void turnTaken(int n) {
            if (left() > 0) {
                say.accept(RunText.listing(shown, all.size()));
            }
        }
    }

    /** A sync's row updates, applied in arrival order. */
    private final class Updates implements Pacer.Work {
        @Override
        public int left() {
            return backlog.size();
        }

        @Override
        public int perTurn() {
            return rowsPerTurn;
        }

        @Override
        public int slice() {
            return UPDATE_SLICE;
        }

        @Override
        public void take(int n) {
            var it = backlog.entrySet().iterator();
            for (int i = 0; i < n; i++) {
                Map.Entry<FileRow, Object> e = it.next();
                it.remove();
                if (e.getValue() instanceof CopyOutcome o) {
                    e.getKey().finished(o);
                } else {
                    e.getKey().cancelled();
                }
            }
        }

        @Override
        public void turnTaken(int n) {
            // Re-filtering walks every row: only when the status filter can change what is shown, and at most once a
            // second (once per batch with a large plan cut the window's frame rate to a fraction: bench/README.md).
            if (statusFilter.get() != StatusFilter.ALL) {
                refilterSoon();
            }
        }
    }

    /**
     * Hands a compared plan's rows to the table, a turn at a time when there are many ({@code say} hears how many are
     * listed); once the last is in, the plan is there and {@code whenListed} runs.
     */
    void list(PlanRows ready, Consumer<String> say, Runnable whenListed) {
        current = ready;
        listing.all = ready.list();
        listing.shown = 0;
        listing.say = say;
        listingTurns.afterwards(() -> {
            plan.set(ready.plan());
            whenListed.run();
            if (sortWhenListed != null) {
                Runnable sorted = sortWhenListed;
                sortWhenListed = null;
                sortRows(sorted);
            }
        });
        listingTurns.turn();
    }

    /**
     * Puts the rows in the table's order ({@link #rowOrderProperty}; null: the plan's, by path), then runs
     * {@code sorted}; the table's sort policy calls it. The table shows the filtered rows as they are, in this order:
     * JavaFX's SortedList placed each arriving row with work in proportion to the rows already there, so a sorted
     * table took seconds of the UI thread for 100,000 rows listed a slice at a time (bench/README.md, "Issue 19").
     * Many rows are sorted on a background thread and handed over at once; rows still arriving are sorted once all
     * are in.
     */
    void sortRows(Runnable sorted) {
        int request = ++sorts;
        if (listing.left() > 0) {
            sortWhenListed = sorted;
            return;
        }
        Comparator<FileRow> order = rowOrder.get() == null ? BY_PATH : rowOrder.get();
        FileRow[] copy = rows.toArray(FileRow[]::new);
        if (copy.length <= SORTED_AT_ONCE) {
            Arrays.sort(copy, order);
            rows.setAll(copy);
            sorted.run();
            return;
        }
        executor.background("sort", () -> {
            Arrays.sort(copy, order);
            return copy;
        }, done -> {
            if (request == sorts && rows.size() == done.length) {
                rows.setAll(done);
                sorted.run();
            }
        }, failed -> {
            // A comparator that fails (a column's values changed meanwhile) leaves the rows as they were.
        });
    }

    /** Forgets the plan, its rows and every update still queued for them. */
    void clear() {
        sorts++;
        sortWhenListed = null;
        plan.set(null);
        listing.all = List.of();
        listing.shown = 0;
        listingTurns.forget();
        rows.clear();
        current = PlanRows.NONE;
        backlog.clear();
        updateTurns.forget();
    }

    /**
     * Takes one batch of a sync's events: rows of files in flight show their progress at once; rows of finished files
     * are queued, and a turn applies what it may ({@link #ROWS_PER_TURN}, {@link Pacer#TURN_BUDGET_NANOS}).
     */
    void update(EventCoalescer.Batch b) {
        for (Map.Entry<String, CopyOutcome> e : b.finished().entrySet()) {
            FileRow r = current.row(e.getKey());
            if (r != null) {
                backlog.put(r, e.getValue());
            }
        }
        for (Map.Entry<String, Long> e : b.copying().entrySet()) {
            FileRow r = current.row(e.getKey());
            if (r != null && !backlog.containsKey(r)) { // a queued outcome wins
                r.copying(e.getValue());
            }
        }
        updateTurns.turn();
    }

    /** Marks every row not copied yet as cancelled (up to every row: applied a turn at a time). */
    void cancelUnfinished() {
        for (FileRow r : rows) {
            if (r.status() == RowStatus.COPYING || r.status() == RowStatus.PENDING) {
                backlog.put(r, RowStatus.CANCELLED);
            }
        }
        updateTurns.turn();
    }

    /** Runs {@code next} once every queued row update is applied: now if none is queued. */
    void afterUpdates(Runnable next) {
        updateTurns.afterwards(next);
    }

    /** Re-applies the status filter after the statuses changed (with "All" the rows shown stay the same). */
    void refilterIfNarrowed() {
        if (statusFilter.get() != StatusFilter.ALL) {
            refilter();
        }
    }

    /** What a sync of the plan copies, with or without the files an earlier run copied. */
    PlanRows.Selection selection(boolean copyAgain) {
        return current.selection(copyAgain);
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
            executor.later(wait, TimeUnit.NANOSECONDS, () -> {
                refilterScheduled = false;
                refilter();
            });
        }
    }

    private void refilter() {
        lastRefilterNanos = System.nanoTime();
        String text = pathFilter.get() == null ? "" : pathFilter.get().strip().toLowerCase(Locale.ROOT);
        StatusFilter f = statusFilter.get() == null ? StatusFilter.ALL : statusFilter.get();
        visibleRows.setPredicate(r -> f.accepts(r.status())
                && (text.isEmpty() || r.path().toLowerCase(Locale.ROOT).contains(text)));
    }

    /** For tests: a smaller number makes a small plan's rows reach the table over several turns. */
    void listedAtOnce(int n) {
        listedAtOnce = n;
    }

    /** For tests: a smaller cap makes an ordinary batch bigger than one turn. */
    void rowsPerTurn(int n) {
        rowsPerTurn = n;
    }

    /** The plan, once all its rows are in the table; null before. */
    public ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** All rows of the current plan. */
    public ObservableList<FileRow> rows() {
        return rows;
    }

    /** The rows the filters let through. */
    public FilteredList<FileRow> visibleRows() {
        return visibleRows;
    }

    /** The table's sort order, which a compare sorts the plan's rows in before they reach the table. */
    public ObjectProperty<Comparator<FileRow>> rowOrderProperty() {
        return rowOrder;
    }

    public StringProperty pathFilterProperty() {
        return pathFilter;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }
}
