package io.filesync.ui;

import io.filesync.engine.Category;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Instant;

/** One row of the pending-file table: a source entry of interest, and what has become of it so far. */
public final class FileRow {
    private final PlanEntry entry;
    private final ObjectProperty<RowStatus> status = new SimpleObjectProperty<>(this, "status");
    private final StringProperty statusText = new SimpleStringProperty(this, "statusText");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    /** Which times the copy kept, once it is copied; null before. */
    private TimesKept kept;

    private static final String COPIED_BEFORE = RowStatus.PENDING.sentence()
            + " (copied before, now missing from the destination)";
    private static final String CREATION_KEPT_ASIDE = RowStatus.COPIED_CREATION_NOT_KEPT.sentence()
            + " (kept in the copy's user.filesync.crtime attribute)";
    private static final String FOLDER_CREATED = "Created; its times are set when its content is written";

    /** Made on any thread (the compare's), before the row is shown. */
    FileRow(PlanEntry entry) {
        this.entry = entry;
        RowStatus s = switch (entry.category()) {
            case PENDING -> RowStatus.PENDING;
            case DIFFERS -> RowStatus.DIFFERS;
            case SKIPPED -> RowStatus.SKIPPED;
            case CONFLICT -> RowStatus.CONFLICT;
            case PRESENT -> throw new IllegalArgumentException("present files have no row: " + entry.path());
        };
        // The words are shared constants where they can be: 100,000 rows need not make 100,000 strings.
        set(s, entry.category() == Category.PENDING && entry.copiedBefore() ? COPIED_BEFORE
                : entry.reason() == null || entry.reason().isEmpty() ? s.sentence() : s.words() + ": " + entry.reason());
    }

    void set(RowStatus s, String text) {
        statusText.set(text); // first: whoever hears the status change reads the new sentence
        status.set(s);
    }

    /** The file is being copied, {@code bytes} of it so far (a folder: made, its times still to come). */
    void copying(long bytes) {
        if (isFolder()) {
            set(RowStatus.COPYING, FOLDER_CREATED);
        } else {
            double f = size() == 0 ? 0 : (double) bytes / size();
            set(RowStatus.COPYING, "Copying " + Math.round(100 * f) + " %");
            progress.set(f);
        }
    }

    /** What became of it. */
    void finished(CopyOutcome o) {
        switch (o) {
            case CopyOutcome.Copied c -> {
                progress.set(1);
                kept = c.times();
                TimeKept created = c.times().created();
                if (created == TimeKept.EXACT || created == TimeKept.TO_RESOLUTION
                        || created == TimeKept.NO_SOURCE_VALUE) {
                    set(RowStatus.COPIED, RowStatus.COPIED.sentence());
                } else if (created == TimeKept.KEPT_ASIDE) {
                    set(RowStatus.COPIED_CREATION_NOT_KEPT, CREATION_KEPT_ASIDE);
                } else {
                    set(RowStatus.COPIED_CREATION_NOT_KEPT, RowStatus.COPIED_CREATION_NOT_KEPT.sentence());
                }
            }
            case CopyOutcome.Failed f -> set(RowStatus.FAILED, "Failed: " + f.reason());
            case CopyOutcome.NotReplaced n -> set(RowStatus.NOT_REPLACED, "Not copied: " + n.reason());
        }
    }

    /** The run ended before it was copied. */
    void cancelled() {
        set(RowStatus.CANCELLED, RowStatus.CANCELLED.sentence());
        progress.set(0);
    }

    /** Which times the copy kept, as the engine read them back; null until it is copied. */
    public TimesKept kept() {
        return kept;
    }

    public PlanEntry entry() {
        return entry;
    }

    public String path() {
        return entry.path();
    }

    public long size() {
        return entry.size();
    }

    public boolean isFolder() {
        return entry.isFolder();
    }

    /** Null where it is unknown (an entry that could not be examined). */
    public Instant modified() {
        return entry.modified();
    }

    /** Null where the source's file system records none, or the entry could not be examined. */
    public Instant created() {
        return entry.created();
    }

    public ObjectProperty<RowStatus> statusProperty() {
        return status;
    }

    public RowStatus status() {
        return status.get();
    }

    public StringProperty statusTextProperty() {
        return statusText;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }
}
