package io.filesync.ui;

import io.filesync.engine.Plan;
import io.filesync.engine.PlanSummary;
import io.filesync.engine.Tally;

import java.util.List;
import java.util.Locale;

/** The plan's summary as counters, each with its files and bytes and the status filter a click on it applies. */
final class PlanCounters {
    private PlanCounters() {
    }

    /**
     * One counter.
     *
     * @param filter the rows a click shows; null where the counted files have no rows (present files)
     */
    record Counter(String name, String files, String bytes, StatusFilter filter, String accessibleText) {
    }

    /** To copy, present, differ, skipped, conflicts: in that order, numbers written the way {@code l} writes them. */
    static List<Counter> of(Plan p, Locale l) {
        PlanSummary s = p.summary();
        return List.of(counter("To copy", s.pending(), StatusFilter.PENDING, l),
                counter("Present", s.present(), null, l),
                counter("Differ", s.differs(), StatusFilter.DIFFERS, l),
                counter("Skipped", s.skipped(), StatusFilter.SKIPPED, l),
                counter("Conflicts", s.conflicts(), StatusFilter.CONFLICTS, l));
    }

    private static Counter counter(String name, Tally t, StatusFilter filter, Locale l) {
        String files = Counts.files(t.files(), l);
        String bytes = Counts.bytes(t.bytes(), l);
        return new Counter(name, files, bytes, filter, name + ": " + files + ", " + bytes
                + (filter == null ? "" : ". Press to show only these rows."));
    }
}
