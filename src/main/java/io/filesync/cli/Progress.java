package io.filesync.cli;

import io.filesync.engine.Units;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.SyncListener;

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
 * percent, files and bytes left, rate and ETA; otherwise a plain line every five seconds, for logs.
 */
final class Progress implements SyncListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean terminal;
    private final long totalFiles;
    private final long totalBytes;
    private final AtomicLong doneFiles = new AtomicLong();
    private final AtomicLong doneBytes = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> current = new AtomicReference<>("");
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private int lastWidth;

    private Progress(PrintWriter err, boolean terminal, long totalFiles, long totalBytes) {
        this.err = err;
        this.terminal = terminal;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "filesync-progress");
            t.setDaemon(true);
            return t;
        });
        long every = terminal ? 200 : 5000;
        ticker.scheduleAtFixedRate(this::print, every, every, TimeUnit.MILLISECONDS);
    }

    static Progress copying(PrintWriter err, long files, long bytes) {
        return new Progress(err, isTerminal(), files, bytes);
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
            @Override
            public void scanProgress(long sourceEntries, long destinationEntries) {
                synchronized (err) {
                    err.print("\rScanning: " + sourceEntries + " entries in the source, " + destinationEntries
                            + " in the destination   ");
                    err.flush();
                }
            }

            @Override
            public void planReady(io.filesync.engine.Plan plan) {
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
        if (entry.isFolder()) {
            return;
        }
        doneFiles.incrementAndGet();
        if (!(outcome instanceof CopyOutcome.Copied)) {
            failed.incrementAndGet();
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
        String eta = rate > 0 && bytes > 0 ? Units.duration(Duration.ofSeconds((long) (bytesLeft / rate))) : "--:--";
        double fraction = totalBytes > 0 ? (double) bytes / totalBytes
                : totalFiles > 0 ? (double) files / totalFiles : 1;
        fraction = Math.min(1, fraction);
        String counts = String.format(Locale.ROOT, "%3.0f%%  %d of %d files, %d left, %s left, %s/s, ETA %s",
                fraction * 100, files, totalFiles, totalFiles - files, Units.bytes(bytesLeft), Units.bytes((long) rate),
                eta);
        synchronized (err) {
            if (terminal) {
                int bar = 20;
                int filled = (int) Math.round(fraction * bar);
                String line = "[" + "#".repeat(filled) + ".".repeat(bar - filled) + "] " + counts + "  "
                        + shorten(current.get().replace("\n", "\\n"), 40);
                err.print("\r" + line + (line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : ""));
                lastWidth = line.length();
            } else {
                err.println("Progress: " + counts + "; now copying " + current.get().replace("\n", "\\n"));
            }
            err.flush();
        }
    }

    private void clearLine() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (err) {
            clearLine();
            err.flush();
        }
    }
}
