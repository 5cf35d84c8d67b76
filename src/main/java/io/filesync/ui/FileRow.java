package io.filesync.ui;

import io.filesync.engine.Category;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Instant;

/**
 * One row of the pending-file table: a source entry of interest, and what has become of it so far.
 * <p>
 * A plan can have a million rows, and the table asks only the rows on screen for their cells, so a row keeps its
 * state in plain fields and makes its observable properties only when a view first asks for them (a cell on screen,
 * the details pane): about 32 bytes a row, where three properties each made up front took about 130. Whoever then
 * listens hears every change. bench/README.md ("Issue 19") has the figures.
 */
public final class FileRow {
    private final PlanEntry entry;
    private RowStatus status;
    /** The row's sentence; null where it is what {@link #initialText()} says. */
    private String text;
    private double progress;
    /** Which times the copy kept, once it is copied; null before. */
    private TimesKept kept;
    /** The properties, once a view has asked for one; null before. */
    private Observed observed;

    /** A row's state as JavaFX properties, for the few rows a view looks at. */
    private static final class Observed {
        final ObjectProperty<RowStatus> status;
        final StringProperty text;
        final DoubleProperty progress;

        Observed(FileRow r) {
            status = new SimpleObjectProperty<>(r, "status", r.status);
            text = new SimpleStringProperty(r, "statusText", r.statusText());
            progress = new SimpleDoubleProperty(r, "progress", r.progress);
        }
    }

    private static final String COPIED_BEFORE = RowStatus.PENDING.sentence()
            + " (copied before, now missing from the destination)";
    private static final String CREATION_KEPT_ASIDE = RowStatus.COPIED_CREATION_NOT_KEPT.sentence()
            + " (kept in the copy's user.filesync.crtime attribute)";
    private static final String FOLDER_CREATED = "Created; its times are set when its content is written";

    /** Made on any thread (the compare's), before the row is shown. */
    FileRow(PlanEntry entry) {
        this.entry = entry;
        status = switch (entry.category()) {
            case PENDING -> RowStatus.PENDING;
            case DIFFERS -> RowStatus.DIFFERS;
            case SKIPPED -> RowStatus.SKIPPED;
            case CONFLICT -> RowStatus.CONFLICT;
            case PRESENT -> throw new IllegalArgumentException("present files have no row: " + entry.path());
        };
    }

    /** The sentence of a row as the plan left it, made when asked: a million rows need not hold a million strings. */
    private String initialText() {
        RowStatus s = status;
        return entry.category() == Category.PENDING && entry.copiedBefore() ? COPIED_BEFORE
                : entry.reason().isEmpty() ? s.sentence() : s.words() + ": " + entry.reason();
    }

    void set(RowStatus s, String text) {
        status = s;
        this.text = text;
        if (observed != null) {
            observed.text.set(text); // first: whoever hears the status change reads the new sentence
            observed.status.set(s);
        }
    }

    private void progress(double f) {
        progress = f;
        if (observed != null) {
            observed.progress.set(f);
        }
    }

    /** The file is being copied, {@code bytes} of it so far (a folder: made, its times still to come). */
    void copying(long bytes) {
        if (isFolder()) {
            set(RowStatus.COPYING, FOLDER_CREATED);
        } else {
            double f = size() == 0 ? 0 : (double) bytes / size();
            set(RowStatus.COPYING, "Copying " + Math.round(100 * f) + " %");
            progress(f);
        }
    }

    /** What became of it. */
    void finished(CopyOutcome o) {
        switch (o) {
            case CopyOutcome.Copied c -> {
                progress(1);
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
        progress(0);
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

    public RowStatus status() {
        return status;
    }

    /** The row's whole sentence: the reason it is not copied, what was kept, how far the copy is. */
    public String statusText() {
        return text != null ? text : initialText();
    }

    /** How much of the file is copied, 0 to 1. */
    public double progress() {
        return progress;
    }

    private Observed observed() {
        if (observed == null) {
            observed = new Observed(this);
        }
        return observed;
    }

    /** The status as a property, made on first asking (on the UI thread, as every change after it). */
    public ReadOnlyObjectProperty<RowStatus> statusProperty() {
        return observed().status;
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return observed().text;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return observed().progress;
    }
}
