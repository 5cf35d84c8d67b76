package io.filesync.cli;

import com.google.gson.stream.JsonWriter;
import io.filesync.engine.Category;
import io.filesync.engine.CsvField;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.PlanSummary;
import io.filesync.engine.Tally;
import io.filesync.engine.Units;

import java.io.IOException;
import java.io.PrintWriter;

/** A plan as text for people, as one JSON object for scripts, or as CSV for a spreadsheet. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void summary(Plan plan, PrintWriter out) {
        PlanSummary s = plan.summary();
        out.println("Source:      " + plan.pair().source());
        out.println("Destination: " + plan.pair().destination());
        out.println("To copy:     " + Units.files(s.pending().files()) + " (" + Units.bytes(s.pending().bytes()) + ")"
                + (s.pendingFolders() > 0 ? " and " + s.pendingFolders() + " folder(s) to create" : ""));
        out.println("Present:     " + Units.files(s.present().files()) + " already in the destination");
        out.println("Differ:      " + Units.files(s.differs().files()) + " (kept as they are in the destination)");
        out.println("Skipped:     " + Units.entries(s.skipped().files())
                + " (links, pipes, devices, unreadable, names the destination cannot hold, excluded; listed by plan)");
        if (plan.mode() == io.filesync.engine.MatchMode.NAME || s.conflicts().files() > 0) {
            out.println("Conflicts:   " + Units.files(s.conflicts().files()) + " (source files sharing a name"
                    + (plan.destinationVolume().names().caseInsensitive() ? ", or differing only in case" : "") + ")");
        }
        long damaged = plan.entries().stream().filter(PlanEntry::damagedCopy).count();
        if (damaged > 0) {
            out.println("Damaged:     " + Units.files(damaged) + " that an interrupted run left incomplete under "
                    + (damaged == 1 ? "its name" : "their names") + "; sync moves "
                    + (damaged == 1 ? "it" : "each") + " aside (never deleting it) and copies it again.");
        }
        if (!plan.missingSinceLastRun().isEmpty()) {
            out.println("Note:        " + Units.files(plan.missingSinceLastRun().size())
                    + " copied by an earlier run are missing from the destination and will be copied again.");
        }
        out.println("Times:       " + plan.destinationVolume().sentence());
        String names = plan.destinationVolume().names().sentence();
        if (names != null) {
            out.println("Names:       " + names);
        }
        for (String w : plan.warnings()) {
            out.println("Warning:     " + w);
        }
    }

    static void details(Plan plan, PrintWriter out) {
        for (PlanEntry e : plan.entries()) {
            String what = e.category() == Category.PENDING
                    ? (e.isFolder() ? "folder" : Units.bytes(e.size())) + (e.copiedBefore() ? ", copied before" : "")
                    + (e.damagedCopy() ? "; " + e.reason() : "")
                    : e.reason();
            out.println(String.format("%-9s %s  (%s)", e.category().word(), e.path(), what)
                    .replace("\n", "\\n"));
        }
    }

    /**
     * Every entry the plan lists (present files are only counted) as CSV, RFC 4180 (quoted where needed, CRLF line
     * ends), for a spreadsheet: category, path, target, size in bytes (empty for a folder), modification time (UTC,
     * ISO 8601), reason. A field a spreadsheet would run as a formula (first character = + - @, tab or CR) starts
     * with ' (OWASP's advice against CSV injection: a file may be named "=HYPERLINK(…)"); scripts read --json.
     */
    static void csv(Plan plan, PrintWriter out) {
        out.print("category,path,target,size,modified,reason\r\n");
        for (PlanEntry e : plan.entries()) {
            out.print(String.join(",", e.category().word(), CsvField.of(e.path()), CsvField.of(e.target()),
                    e.isFolder() ? "" : String.valueOf(e.size()), e.source().times().modified().toString(),
                    CsvField.of(e.reason())) + "\r\n");
        }
        out.flush();
    }

    static void json(Plan plan, PrintWriter out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.beginObject();
        w.name("source").value(plan.pair().source().toString());
        w.name("destination").value(plan.pair().destination().toString());
        w.name("match").value(plan.mode().name().toLowerCase());
        w.name("pending").beginArray();
        for (PlanEntry e : plan.entries()) {
            if (e.category() == Category.PENDING && !e.isFolder()) {
                w.beginObject().name("path").value(e.path()).name("size").value(e.size());
                if (e.copiedBefore()) {
                    w.name("copiedBefore").value(true);
                }
                if (e.damagedCopy()) {
                    w.name("damagedCopy").value(e.reason());
                }
                w.endObject();
            }
        }
        w.endArray();
        w.name("pendingFolders").beginArray();
        for (PlanEntry e : plan.entries()) {
            if (e.category() == Category.PENDING && e.isFolder()) {
                w.value(e.path());
            }
        }
        w.endArray();
        for (Category c : new Category[]{Category.DIFFERS, Category.SKIPPED, Category.CONFLICT}) {
            w.name(c.word()).beginArray();
            for (PlanEntry e : plan.entries()) {
                if (e.category() == c) {
                    w.beginObject().name("path").value(e.path()).name("reason").value(e.reason()).endObject();
                }
            }
            w.endArray();
        }
        w.name("summary").beginObject();
        for (Category c : Category.values()) {
            Tally t = plan.summary().of(c);
            w.name(c.word()).beginObject().name("files").value(t.files()).name("bytes").value(t.bytes()).endObject();
        }
        w.name("pendingFolders").value(plan.summary().pendingFolders());
        w.name("destinationFiles").value(plan.summary().destinationFiles());
        w.endObject();
        w.name("destinationVolume").beginObject()
                .name("type").value(plan.destinationVolume().type())
                .name("keepsCreationTime").value(plan.destinationVolume().holdsCreationTime())
                .name("note").value(plan.destinationVolume().sentence())
                .name("windowsNames").value(plan.destinationVolume().names().windowsNames())
                .name("caseInsensitive").value(plan.destinationVolume().names().caseInsensitive()).endObject();
        w.name("warnings").beginArray();
        for (String s : plan.warnings()) {
            w.value(s);
        }
        w.endArray();
        w.endObject();
        w.flush();
        out.println();
        out.flush();
    }
}
