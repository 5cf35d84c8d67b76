package io.filesync.ui;

import java.util.function.Predicate;

/** Which rows the table's status filter lets through. */
public enum StatusFilter {
    ALL("All", s -> true),
    PENDING("Pending", s -> s == RowStatus.PENDING || s == RowStatus.COPYING),
    COPIED("Copied", s -> s == RowStatus.COPIED || s == RowStatus.COPIED_CREATION_NOT_KEPT),
    FAILED("Failed", s -> s == RowStatus.FAILED || s == RowStatus.NOT_REPLACED || s == RowStatus.CANCELLED),
    NOT_COPIED("Skipped, differs, conflicts",
            s -> s == RowStatus.SKIPPED || s == RowStatus.DIFFERS || s == RowStatus.CONFLICT),
    DIFFERS("Differs", s -> s == RowStatus.DIFFERS),
    SKIPPED("Skipped", s -> s == RowStatus.SKIPPED),
    CONFLICTS("Conflicts", s -> s == RowStatus.CONFLICT);

    private final String words;
    private final Predicate<RowStatus> accepts;

    StatusFilter(String words, Predicate<RowStatus> accepts) {
        this.words = words;
        this.accepts = accepts;
    }

    boolean accepts(RowStatus s) {
        return accepts.test(s);
    }

    @Override
    public String toString() {
        return words;
    }
}
