package io.filesync.ui;

import io.filesync.engine.Category;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's rows, their index by path, and what a sync of it copies, built on the compare's thread (100,000 rows take
 * tens of milliseconds: not on the UI thread).
 *
 * @param all   every pending entry
 * @param fresh without those an earlier run copied ("Copy them again" off)
 */
record PlanRows(Plan plan, List<FileRow> list, Map<String, FileRow> byPath, Selection all, Selection fresh) {
    static final PlanRows NONE = new PlanRows(null, List.of(), Map.of(), Selection.of(List.of()),
            Selection.of(List.of()));

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
        return new PlanRows(p, list, byPath, everything,
                fresh.size() == all.size() ? everything : Selection.of(fresh));
    }

    /** What a sync copies, with or without the files an earlier run copied. */
    Selection selection(boolean copyAgain) {
        return copyAgain ? all : fresh;
    }
}
