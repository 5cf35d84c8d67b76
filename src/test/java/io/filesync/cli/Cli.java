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
