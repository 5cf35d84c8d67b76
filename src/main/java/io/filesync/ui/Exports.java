package io.filesync.ui;

import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Saves the table as CSV ({@link CsvExport}): the rows are copied on the UI thread, the file is written on the
 * {@link TaskExecutor}'s background thread, and the message line says where it went or why it could not.
 */
public final class Exports {
    private final TaskExecutor executor;
    private final ObservableList<FileRow> rows;
    private final Consumer<String> say;

    Exports(TaskExecutor executor, ObservableList<FileRow> rows, Consumer<String> say) {
        this.executor = executor;
        this.rows = rows;
        this.say = say;
    }

    /** The plan's rows, with their category and reason. */
    public void pendingList(Path file) {
        export(CsvExport.pendingList(rows), file, "the pending list");
    }

    /** The last run's rows: what became of each, and which times its copy kept. */
    public void runReport(Path file) {
        export(CsvExport.runReport(rows), file, "the run report");
    }

    private void export(CsvExport.Lines lines, Path file, String what) {
        executor.background("export", () -> {
            CsvExport.write(lines, file);
            return file;
        }, written -> say.accept("Saved " + what + " (" + Counts.number(lines.lines().size() - 1, Counts.locale())
                + " rows) to " + written + "."), t -> say.accept(RunText.failure("Could not save " + what, t)
                + ". Choose another place."));
    }
}
