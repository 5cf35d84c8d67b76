package io.filesync.ui;

import io.filesync.engine.Category;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A plan's rows, sorted by path to be found by it, and what a sync of it copies, built on the compare's thread
 * (100,000 rows take tens of milliseconds: not on the UI thread).
 *
 * @param all   every pending entry
 * @param fresh without those an earlier run copied ("Copy them again" off)
 */
record PlanRows(Plan plan, List<FileRow> list, FileRow[] byPath, Selection all, Selection fresh) {
    static final PlanRows NONE = new PlanRows(null, List.of(), new FileRow[0], Selection.of(List.of()),
            Selection.of(List.of()));
    private static final Comparator<FileRow> BY_PATH = Comparator.comparing(FileRow::path);

    /** What a sync copies: the entries, and how many files and bytes they make. */
    record Selection(List<PlanEntry> entries, long files, long bytes) {
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

    /** Every entry of {@code p} but those already present, in the table's {@code order} (null: the plan's). */
    static PlanRows of(Plan p, Comparator<FileRow> order) {
        int shown = 0;
        int pending = 0;
        for (PlanEntry e : p.entries()) { // counted first: the lists are kept as long as the plan, at their size
            shown += e.category() == Category.PRESENT ? 0 : 1;
            pending += e.category() == Category.PENDING ? 1 : 0;
        }
        List<FileRow> list = new ArrayList<>(shown);
        List<PlanEntry> all = new ArrayList<>(pending);
        boolean resumed = false;
        for (PlanEntry e : p.entries()) {
            if (e.category() == Category.PRESENT) {
                continue;
            }
            FileRow r = new FileRow(e);
            list.add(r);
            if (e.category() == Category.PENDING) {
                all.add(e);
                resumed |= e.copiedBefore();
            }
        }
        // Only a resumed run has entries copied before; a first one needs no second list of them all.
        List<PlanEntry> fresh = resumed ? all.stream().filter(e -> !e.copiedBefore()).toList() : all;
        // Sorted by path to be looked up by it: a plan is in that order already (so this is one pass), and an array
        // takes 4 bytes a row where a hash map took about 40.
        FileRow[] byPath = list.toArray(FileRow[]::new);
        Arrays.sort(byPath, BY_PATH);
        if (order != null) {
            // The table shows the rows in the order they arrive in (PlanTable.sortRows): sorted here, off the UI
            // thread, they arrive in the table's order.
            try {
                list.sort(order);
            } catch (RuntimeException e) {
                // A comparator that fails leaves the plan's order; a click on a column's header sorts again.
            }
        }
        Selection everything = Selection.of(all);
        return new PlanRows(p, list, byPath, everything,
                fresh == all ? everything : Selection.of(fresh));
    }

    /** The row of {@code path}; null where the plan has none. */
    FileRow row(String path) {
        int lo = 0;
        int hi = byPath.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = byPath[mid].path().compareTo(path);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return byPath[mid];
            }
        }
        return null;
    }

    /** What a sync copies, with or without the files an earlier run copied. */
    Selection selection(boolean copyAgain) {
        return copyAgain ? all : fresh;
    }
}
