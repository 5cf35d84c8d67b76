package io.filesync.cli;

/** The CLI's exit codes, as documented in README and {@code --help}. */
final class ExitCode {
    static final int DONE = 0;
    static final int SOME_FAILED = 1;
    static final int BAD_USAGE = 2;
    /** Cancelled, interrupted, or stopped because the destination filled up or went away: run again to resume. */
    static final int CANCELLED = 3;

    private ExitCode() {
    }
}
