package io.filesync.cli;

/** The CLI's exit codes, as documented in README and {@code --help}. */
final class ExitCode {
    static final int DONE = 0;
    static final int SOME_FAILED = 1;
    static final int BAD_USAGE = 2;
    /** Cancelled, interrupted, or stopped because the destination filled up or went away: run again to resume. */
    static final int CANCELLED = 3;
    /** A programming error (a bug in FileSync) stopped the run: the log has its stack trace; run again to resume. */
    static final int INTERNAL_ERROR = 4;

    /** What each code means, in order: {@code --help}'s footer and the manual page's EXIT STATUS. */
    static final java.util.SequencedMap<Integer, String> MEANINGS = meanings();

    private ExitCode() {
    }

    private static java.util.SequencedMap<Integer, String> meanings() {
        java.util.SequencedMap<Integer, String> m = new java.util.LinkedHashMap<>();
        m.put(DONE, "all done");
        m.put(SOME_FAILED, "some files failed (each is listed)");
        m.put(BAD_USAGE, "bad usage or bad folders (nothing was touched)");
        m.put(CANCELLED, "cancelled, interrupted, or stopped (destination full, gone or failing); run again to resume");
        m.put(INTERNAL_ERROR, "an internal error (a bug in FileSync) stopped it; the log has the details, and running"
                + " again resumes");
        return m;
    }

    /** {@code --help}'s footer lines: each code and its meaning, wrapped before 80 columns under the meaning. */
    static String[] footer() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        MEANINGS.forEach((code, meaning) -> {
            StringBuilder line = new StringBuilder("  " + code + " ");
            for (String word : meaning.split(" ")) {
                if (line.length() + 1 + word.length() > 79) {
                    lines.add(line.toString());
                    line = new StringBuilder("    ");
                }
                line.append(' ').append(word);
            }
            lines.add(line.toString());
        });
        return lines.toArray(String[]::new);
    }
}
