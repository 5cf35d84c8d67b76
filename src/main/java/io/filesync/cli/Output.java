package io.filesync.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * Where {@code sync} and {@code verify} print and how much: {@code --json} moves the sentences to stderr so that
 * stdout holds exactly one JSON object; {@code --quiet} keeps errors and the final line; {@code --verbose} adds a
 * line per file.
 *
 * @param human where sentences for people go: stdout, or stderr under {@code --json}
 */
record Output(PrintWriter out, PrintWriter err, PrintWriter human, boolean json, boolean quiet, boolean verbose) {

    /** Adds {@code --json}, {@code -q/--quiet} and, where there is a line per file to print, {@code -v/--verbose}. */
    static void addTo(CommandSpec spec, boolean perFile, String jsonHolds) {
        spec.addOption(Model.flag(new String[]{"--json"}, "Print one JSON object last on stdout (" + jsonHolds
                + ", the exit code and its meaning); the sentences go to stderr."));
        spec.addOption(Model.flag(new String[]{"-q", "--quiet"}, "Print only errors and the final line."));
        if (perFile) {
            spec.addOption(Model.flag(new String[]{"-v", "--verbose"}, "Print a line per file, as the log has it."));
        }
    }

    static Output of(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = Model.isSet(spec, "--json");
        return new Output(out, err, json ? err : out, json, Model.isSet(spec, "--quiet"),
                spec.findOption("--verbose") != null && Model.isSet(spec, "--verbose"));
    }

    /** A sentence for people that {@code --quiet} leaves out. */
    void info(String line) {
        if (!quiet) {
            human.println(line);
        }
    }
}
