package io.filesync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line run in this JVM as a user runs it, with a FileSync home of the test's own. */
final class Cli {
    private Cli() {
    }

    record Result(int exit, String out, String err) {
    }

    /**
     * Category → path → reason (empty for pending), from {@code filesync plan SOURCE DEST --json EXTRA…}, for the
     * categories named.
     */
    static java.util.Map<String, java.util.Map<String, String>> plan(Path home, Path source, Path destination,
                                                                   List<String> categories, String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", source.toString(), destination.toString(), "--json"));
        args.addAll(List.of(extra));
        Result r = run(home, args.toArray(String[]::new));
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), r.err());
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.TreeMap<>();
        for (String category : categories) {
            java.util.Map<String, String> entries = new java.util.TreeMap<>();
            for (com.google.gson.JsonElement e : json.getAsJsonArray(category)) {
                com.google.gson.JsonObject o = e.getAsJsonObject();
                entries.put(o.get("path").getAsString(), o.has("reason") ? o.get("reason").getAsString() : "");
            }
            out.put(category, entries);
        }
        return out;
    }

    /** {@code filesync ARGS --home HOME}. */
    static Result run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = FileSyncCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
