package io.filesync.ui;

import io.filesync.engine.CsvField;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.TimesKept;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table as CSV for a spreadsheet (RFC 4180: quoted where needed, CRLF line ends), as {@code filesync plan --csv}
 * writes a plan: the pending list (every row of the plan, with its category and reason), or the run report (every row
 * with what became of it and which times its copy kept). The rows are taken on the UI thread ({@link #pendingList},
 * {@link #runReport}: a copy of their fields, nothing else) and written off it ({@link #write}).
 */
final class CsvExport {
    private CsvExport() {
    }

    /** The rows' lines, header first, taken from the table on the UI thread. */
    record Lines(List<List<String>> lines) {
    }

    static Lines pendingList(List<FileRow> rows) {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        lines.add(List.of("category", "path", "target", "size", "modified", "reason"));
        for (FileRow r : rows) {
            PlanEntry e = r.entry();
            lines.add(List.of(e.category().word(), e.path(), e.target(), e.isFolder() ? "" : String.valueOf(e.size()),
                    e.modified() == null ? "" : e.modified().toString(), e.reason() == null ? "" : e.reason()));
        }
        return new Lines(lines);
    }

    static Lines runReport(List<FileRow> rows) {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        lines.add(List.of("status", "path", "size", "modified kept", "accessed kept", "created kept", "detail"));
        for (FileRow r : rows) {
            TimesKept k = r.kept();
            lines.add(List.of(r.status().words().toLowerCase(java.util.Locale.ROOT), r.path(),
                    r.isFolder() ? "" : String.valueOf(r.size()), k == null ? "" : k.modified().words(),
                    k == null ? "" : k.accessed().words(), k == null ? "" : k.created().words(),
                    r.statusText()));
        }
        return new Lines(lines);
    }

    /** Writes {@code lines} to {@code file} (off the UI thread), replacing it. */
    static void write(Lines lines, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (List<String> line : lines.lines()) {
                for (int i = 0; i < line.size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(CsvField.of(line.get(i)));
                }
                w.write("\r\n");
            }
        }
    }

}
