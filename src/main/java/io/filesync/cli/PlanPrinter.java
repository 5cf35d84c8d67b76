package io.filesync.cli;

import com.google.gson.stream.JsonWriter;
import io.filesync.engine.Category;
import io.filesync.engine.CsvField;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.PlanSummary;
import io.filesync.engine.Tally;
import io.filesync.engine.Units;
import io.filesync.engine.UnsharedWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

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

    static void details(Plan plan, PrintWriter out) throws IOException {
        Writer o = new UnsharedWriter(out);
        String newline = System.lineSeparator();
        for (PlanEntry e : plan.entries()) {
            String what = e.category() == Category.PENDING
                    ? (e.isFolder() ? "folder" : Units.bytes(e.size())) + (e.copiedBefore() ? ", copied before" : "")
                    + (e.damagedCopy() ? "; " + e.reason() : "")
                    : e.reason();
            String word = e.category().word();
            o.write((word + " ".repeat(Math.max(0, 9 - word.length())) + " " + e.path() + "  (" + what + ")")
                    .replace("\n", "\\n"));
            o.write(newline);
        }
        o.flush();
    }

    /**
     * Every entry the plan lists (present files are only counted) as CSV, RFC 4180 (quoted where needed, CRLF line
     * ends), for a spreadsheet: category, path, target, size in bytes (empty for a folder), modification time (UTC,
     * ISO 8601; empty where it could not be read), reason. A field a spreadsheet would run as a formula (first
     * character = + - @, tab or CR) starts with ' (OWASP's advice against CSV injection: a file may be named
     * "=HYPERLINK(…)"); scripts read --json.
     */
    static void csv(Plan plan, PrintWriter out) throws IOException {
        Writer o = new UnsharedWriter(out);
        o.write("category,path,target,size,modified,reason\r\n");
        for (PlanEntry e : plan.entries()) {
            o.write(String.join(",", e.category().word(), CsvField.of(e.path()), CsvField.of(e.target()),
                    e.isFolder() ? "" : String.valueOf(e.size()), e.modified() == null ? "" : e.modified().toString(),
                    CsvField.of(e.reason())) + "\r\n");
        }
        o.flush();
    }

    static void json(Plan plan, PrintWriter out) throws IOException {
        JsonWriter w = new JsonWriter(new UnsharedWriter(out));
        w.setIndent("  ");
        w.beginObject();
        w.name("source").value(plan.pair().source().toString());
        w.name("destination").value(plan.pair().destination().toString());
        w.name("match").value(plan.mode().name().toLowerCase());
        w.name("pending").beginArray();
        for (PlanEntry e : plan.entries()) {
            if (e.category() == Category.PENDING && !e.isFolder()) {
                w.jsonValue(entry(e.path(), "size", String.valueOf(e.size()),
                        e.copiedBefore() ? "copiedBefore" : null, "true",
                        e.damagedCopy() ? "damagedCopy" : null, e.damagedCopy() ? quoted(e.reason()) : null));
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
                    w.jsonValue(entry(e.path(), "reason", quoted(e.reason()), null, null, null, null));
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

    /**
     * One entry of the plan's arrays, exactly as JsonWriter with an indent of two spaces writes an object two levels
     * down, made in one piece: JsonWriter's calls per name and value (each one checking its state and indenting) were
     * most of the time a plan of a million files took to print (bench/README.md, "Issue 19"). A member whose name is
     * null is left out; values are JSON already.
     */
    private static String entry(String path, String name, String value, String name2, String value2, String name3,
                                String value3) throws IOException {
        StringBuilder b = new StringBuilder(path.length() + 64).append("{\n      \"path\": ").append(quoted(path))
                .append(",\n      \"").append(name).append("\": ").append(value);
        if (name2 != null) {
            b.append(",\n      \"").append(name2).append("\": ").append(value2);
        }
        if (name3 != null) {
            b.append(",\n      \"").append(name3).append("\": ").append(value3);
        }
        return b.append("\n    }").toString();
    }

    /** {@code s} as a JSON string: quoted as it is where nothing in it needs escaping, else escaped by Gson. */
    private static String quoted(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                StringWriter out = new StringWriter();
                new JsonWriter(out).beginArray().value(s).endArray().flush();
                return out.getBuffer().substring(1, out.getBuffer().length() - 1);
            }
        }
        return '"' + s + '"';
    }
}
