package io.filesync.ui;

import io.filesync.engine.Plan;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import io.filesync.files.FileTimes;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The details pane of the selected row: its whole status sentence, and its source's three times beside its copy's,
 * with which of them the copy kept. The copy's times are read from the destination off the UI thread, again whenever
 * the row's status changes (a sync copies it); a reading overtaken by another selection is dropped.
 */
public final class RowDetails {
    /** Times to the nanosecond, where the volume holds them: the point of showing them side by side. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneId.systemDefault());

    /** One time of the entry: its name, the source's, the copy's, and what became of it. */
    public record Line(String time, String source, String copy, String kept) {
    }

    private final SyncEngine engine;
    private final TaskExecutor executor;
    private final Supplier<Plan> plan;
    private final ObjectProperty<FileRow> row = new SimpleObjectProperty<>(this, "row");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ChangeListener<RowStatus> statusChanged = (o, a, b) -> read();

    RowDetails(SyncEngine engine, TaskExecutor executor, Supplier<Plan> plan) {
        this.engine = engine;
        this.executor = executor;
        this.plan = plan;
        row.addListener((o, a, b) -> {
            if (a != null) {
                a.statusProperty().removeListener(statusChanged);
            }
            if (b != null) {
                b.statusProperty().addListener(statusChanged);
            }
            read();
        });
    }

    private void read() {
        FileRow r = row.get();
        Plan p = plan.get();
        if (r == null || p == null) {
            heading.set("");
            status.set("");
            lines.clear();
            return;
        }
        heading.set(r.path());
        status.set(r.statusText());
        lines.setAll(lines(r, null, "…"));
        RowStatus asked = r.status();
        executor.background("details", () -> java.util.Optional.ofNullable(engine.destinationTimes(p, r.entry())),
                copy -> {
                    if (row.get() == r && r.status() == asked) {
                        lines.setAll(lines(r, copy.orElse(null), "not there"));
                    }
                }, failed -> {
                    if (row.get() == r) {
                        lines.setAll(lines(r, null, "cannot be read: " + failed.getMessage()));
                    }
                });
    }

    /** The three lines for {@code r}, its copy's times being {@code copy} ({@code absent} where null). */
    static List<Line> lines(FileRow r, FileTimes copy, String absent) {
        FileTimes source = r.entry().times();
        TimesKept kept = r.kept();
        return List.of(line("Modified", source, copy, absent, FileTimes::modified, kept == null ? null
                        : kept.modified()),
                line("Accessed", source, copy, absent, FileTimes::accessed, kept == null ? null : kept.accessed()),
                line("Created", source, copy, absent, FileTimes::created, kept == null ? null : kept.created()));
    }

    private static Line line(String name, FileTimes source, FileTimes copy, String absent,
                             Function<FileTimes, Instant> time, TimeKept kept) {
        return new Line(name, source == null ? "unknown" : format(time.apply(source)),
                copy == null ? absent : format(time.apply(copy)),
                kept == null ? "not copied by this run" : kept.words());
    }

    private static String format(Instant t) {
        return t == null ? "none recorded" : WHEN.format(t);
    }

    /** The row shown; the view sets it to the table's selected row. */
    public ObjectProperty<FileRow> rowProperty() {
        return row;
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Modified, accessed, created: source beside copy, and what was kept. */
    public ObservableList<Line> lines() {
        return lines;
    }
}
