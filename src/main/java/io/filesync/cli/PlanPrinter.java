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
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        JsonBytes o = new JsonBytes(out);
        JsonWriter w = new JsonWriter(o);
        w.setIndent("  ");
        w.beginObject();
        w.name("source").value(plan.pair().source().toString());
        w.name("destination").value(plan.pair().destination().toString());
        w.name("match").value(plan.mode().name().toLowerCase());
        // One pass over the entries: the pending files are written as they come, the rest (few, as a rule) kept for
        // the arrays after them.
        List<PlanEntry> folders = new ArrayList<>(), differs = new ArrayList<>(), skipped = new ArrayList<>(),
                conflicts = new ArrayList<>();
        Entries pending = new Entries(w, o);
        w.name("pending").beginArray();
        for (PlanEntry e : plan.entries()) {
            switch (e.category()) {
                case PENDING -> {
                    if (e.isFolder()) {
                        folders.add(e);
                    } else {
                        pending.pendingFile(e);
                    }
                }
                case DIFFERS -> differs.add(e);
                case SKIPPED -> skipped.add(e);
                case CONFLICT -> conflicts.add(e);
                case PRESENT -> {
                }
            }
        }
        w.endArray();
        w.name("pendingFolders").beginArray();
        for (PlanEntry e : folders) {
            w.value(e.path());
        }
        w.endArray();
        for (Category c : new Category[]{Category.DIFFERS, Category.SKIPPED, Category.CONFLICT}) {
            w.name(c.word()).beginArray();
            Entries listed = new Entries(w, o);
            for (PlanEntry e : c == Category.DIFFERS ? differs : c == Category.SKIPPED ? skipped : conflicts) {
                listed.withReason(e);
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
     * The objects of one of the plan's arrays, each exactly as JsonWriter with an indent of two spaces writes an object
     * two levels down, written straight into the output's bytes: JsonWriter's calls per name and value (each one
     * checking its state and indenting), and then a String made for each entry and its characters encoded, were most
     * of the time a plan of a million files took to print (bench/README.md, "Issue 19"). JsonWriter is told of the
     * first object by an empty raw value, which puts its line break and indent, so that it closes the array as one
     * that has elements; it keeps nothing back from its Writer, so the objects written to that Writer land in order.
     */
    private static final class Entries {
        private static final byte[] NEXT = ",\n    ".getBytes(StandardCharsets.US_ASCII),
                PATH = "{\n      \"path\": ".getBytes(StandardCharsets.US_ASCII),
                SIZE = ",\n      \"size\": ".getBytes(StandardCharsets.US_ASCII),
                COPIED_BEFORE = ",\n      \"copiedBefore\": true".getBytes(StandardCharsets.US_ASCII),
                DAMAGED_COPY = ",\n      \"damagedCopy\": ".getBytes(StandardCharsets.US_ASCII),
                REASON = ",\n      \"reason\": ".getBytes(StandardCharsets.US_ASCII),
                END = "\n    }".getBytes(StandardCharsets.US_ASCII);

        private final JsonWriter json;
        private final JsonBytes out;
        private boolean first = true;

        Entries(JsonWriter json, JsonBytes out) {
            this.json = json;
            this.out = out;
        }

        void pendingFile(PlanEntry e) throws IOException {
            start(e);
            out.ascii(SIZE);
            out.decimal(e.size());
            if (e.copiedBefore()) {
                out.ascii(COPIED_BEFORE);
            }
            if (e.damagedCopy()) {
                out.ascii(DAMAGED_COPY);
                out.string(e.reason());
            }
            out.ascii(END);
        }

        void withReason(PlanEntry e) throws IOException {
            start(e);
            out.ascii(REASON);
            out.string(e.reason());
            out.ascii(END);
        }

        private void start(PlanEntry e) throws IOException {
            if (first) {
                json.jsonValue("");
                first = false;
            } else {
                out.ascii(NEXT);
            }
            out.ascii(PATH);
            out.string(e.path());
        }
    }
}
