package io.filesync.cli;

import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.SyncListener;
import io.filesync.engine.Units;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CLI's view of a run. The engine's events only update counters (they come from worker threads, thousands a
 * second); a ticker prints: on a terminal one line redrawn five times a second with the current file, a bar,
 * percent, files and bytes left, rate and ETA, fitted to the terminal's width (ProgressLine) and redrawn in place;
 * otherwise a plain line every five seconds, for logs.
 */
final class Progress implements SyncListener, AutoCloseable {
    private final PrintWriter err;
    /** Where {@code --verbose} prints its line per file (stdout, or stderr under --json); null without it. */
    private final PrintWriter perFile;
    private final boolean terminal;
    private final long totalFiles;
    private final long totalBytes;
    private final AtomicLong doneFiles = new AtomicLong();
    private final AtomicLong doneBytes = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> current = new AtomicReference<>("");
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private final TerminalWidth width;
    /** The columns of the line on screen (0 when none) and the terminal width it was drawn at. */
    private int drawnColumns;
    private int drawnWidth;

    private Progress(PrintWriter err, PrintWriter perFile, boolean terminal, boolean ticking, long totalFiles,
                     long totalBytes) {
        this.err = err;
        this.perFile = perFile;
        this.terminal = terminal;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.width = terminal ? new TerminalWidth() : null;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "filesync-progress");
            t.setDaemon(true);
            return t;
        });
        long every = terminal ? 200 : 5000;
        if (ticking) {
            ticker.scheduleAtFixedRate(this::print, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code --quiet}: no progress, only the files not copied; {@code --verbose}: also a line per file. */
    static Progress copying(Output o, long files, long bytes) {
        boolean terminal = !o.quiet() && isTerminal();
        return new Progress(o.err(), o.verbose() ? o.human() : null, terminal, !o.quiet(), files, bytes);
    }

    static boolean isTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** While scanning: counts of entries seen, on a terminal only. */
    static SyncListener scanning(PrintWriter err) {
        if (!isTerminal()) {
            return SyncListener.NONE;
        }
        return new SyncListener() {
            private final TerminalWidth width = new TerminalWidth();

            @Override
            public void scanProgress(long sourceEntries, long destinationEntries) {
                synchronized (err) {
                    err.print("\r" + ProgressLine.scanning(width.columns(), sourceEntries, destinationEntries,
                            Locale.getDefault(Locale.Category.FORMAT)) + "\033[K");
                    err.flush();
                }
            }

            @Override
            public void planReady(io.filesync.engine.Plan plan) {
                width.close();
                synchronized (err) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        };
    }

    @Override
    public void fileStarted(PlanEntry entry) {
        current.set(entry.path());
    }

    @Override
    public void bytesCopied(PlanEntry entry, long bytes) {
        doneBytes.addAndGet(bytes);
    }

    @Override
    public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
        if (perFile != null) {
            // The run log's words (CopyRun logs each outcome the same way).
            String path = entry.path().replace("\n", "\\n");
            String line = switch (outcome) {
                case CopyOutcome.Copied c -> entry.isFolder() ? "created folder " + path
                        : "copied " + path + " (" + c.bytes() + " bytes; " + c.times().describe() + ")";
                case CopyOutcome.Failed f -> "failed " + path + ": " + f.reason();
                case CopyOutcome.NotReplaced n -> "not copied " + path + ": " + n.reason();
            };
            synchronized (err) {
                clearLine();
                perFile.println(line);
                perFile.flush();
            }
        }
        if (entry.isFolder()) {
            return;
        }
        doneFiles.incrementAndGet();
        if (!(outcome instanceof CopyOutcome.Copied)) {
            failed.incrementAndGet();
            if (perFile != null) {
                return; // --verbose said it above
            }
            synchronized (err) {
                clearLine();
                err.println("Not copied: " + entry.path().replace("\n", "\\n") + ": " + switch (outcome) {
                    case CopyOutcome.Failed f -> f.reason();
                    case CopyOutcome.NotReplaced n -> n.reason();
                    case CopyOutcome.Copied c -> "";
                });
            }
        }
    }

    @Override
    public void warning(String message) {
        synchronized (err) {
            clearLine();
            err.println("Warning: " + message);
        }
    }

    private void print() {
        long files = doneFiles.get();
        long bytes = doneBytes.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? bytes / seconds : 0;
        long bytesLeft = Math.max(0, totalBytes - bytes);
        Duration eta = rate > 0 && bytes > 0 ? Duration.ofSeconds((long) (bytesLeft / rate)) : null;
        ProgressLine.Counts counts = new ProgressLine.Counts(files, totalFiles, bytes, totalBytes, (long) rate, eta);
        // Outside the lock: reading the width after a resize starts stty.
        int w = terminal ? width.columns() : 0;
        String line = terminal ? ProgressLine.fit(w, counts, current.get(), Locale.getDefault(Locale.Category.FORMAT))
                : null;
        synchronized (err) {
            if (terminal) {
                err.print(erase(w) + line);
                drawnColumns = ProgressLine.columns(line);
                drawnWidth = w;
            } else {
                err.println("Progress: " + String.format(Locale.ROOT, "%3.0f%%  %d of %d files, %d left, %s left, %s/s,"
                        + " ETA %s", counts.fraction() * 100, files, totalFiles, totalFiles - files,
                        Units.bytes(bytesLeft), Units.bytes((long) rate), eta == null ? "--:--" : Units.duration(eta))
                        + "; now copying " + current.get().replace("\n", "\\n"));
            }
            err.flush();
        }
    }

    private void clearLine() {
        if (terminal && drawnColumns > 0) {
            err.print(erase(width.columns()));
            drawnColumns = 0;
        }
    }

    /**
     * Takes the cursor to the start of the line on screen and clears it. \033[K (and \033[J) clear what a longer
     * line drew before, where padding with spaces could outgrow a narrowed terminal. Most terminals (tmux, VTE,
     * Konsole, kitty, iTerm2) re-wrap the screen when narrowed, so a line drawn at the old width now spans several
     * rows with the cursor on the last: go up to its first row before clearing. (xterm cuts lines instead; there
     * this clears as many rows above as the re-wrap would have made, once, after the resize.)
     */
    private String erase(int w) {
        int up = drawnColumns > 0 && w < drawnWidth ? (drawnColumns + w - 1) / w - 1 : 0;
        return (up > 0 ? "\033[" + up + "A" : "") + "\r\033[J";
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (width != null) {
            width.close();
        }
        synchronized (err) {
            clearLine();
            err.flush();
        }
    }
}
