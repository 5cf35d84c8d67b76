package io.filesync.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width in columns, read again after the terminal is resized. The JDK has no call for it, so
 * {@code stty size} asks the controlling terminal; SIGWINCH (the kernel's "the window changed") marks the width
 * stale, and where that signal cannot be handled the width is read again every {@link #FALLBACK_EVERY} calls.
 */
final class TerminalWidth implements AutoCloseable {
    /** Without SIGWINCH: re-read on every fifth redraw (once a second at five redraws a second). */
    static final int FALLBACK_EVERY = 5;
    /** When no width can be read: what a terminal has unless told otherwise. */
    static final int DEFAULT = 80;

    private volatile boolean stale = true;
    private final Signals.Installed onResize;
    private int calls;
    private int columns = DEFAULT;

    TerminalWidth() {
        // null where there is no SIGWINCH (Windows): the width is read again now and then instead
        onResize = Signals.handle("WINCH", () -> stale = true);
    }

    /** The current width; called from one thread (the progress ticker). */
    int columns() {
        if (stale || (onResize == null && ++calls % FALLBACK_EVERY == 0)) {
            stale = false;
            columns = read();
        }
        return columns;
    }

    private static int read() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] rowsCols = out.split("\\s+");
                int cols = Integer.parseInt(rowsCols[rowsCols.length - 1]);
                if (cols > 0) {
                    return cols;
                }
            }
        } catch (Exception e) {
            // no stty or no /dev/tty: fall through to COLUMNS, which a shell may export
        }
        try {
            int cols = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            if (cols > 0) {
                return cols;
            }
        } catch (NumberFormatException e) {
            // not set or not a number
        }
        return DEFAULT;
    }

    @Override
    public void close() {
        if (onResize != null) {
            onResize.close();
        }
    }
}
