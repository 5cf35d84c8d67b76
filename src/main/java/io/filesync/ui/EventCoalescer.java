package io.filesync.ui;

import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.SyncListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns the engine's events — thousands per second from worker threads — into batches handed to the UI thread
 * at most once per {@code gapMillis} (20 per second by default), whatever the file rate. Each batch carries the
 * latest state of every file that changed since the previous one, and the running totals; nothing is lost, later
 * events for a file simply replace earlier ones.
 */
final class EventCoalescer implements SyncListener {

    /**
     * What changed since the last batch. {@code copying}: bytes so far of files in flight; {@code filesDone}: files
     * finished so far, in any way (folders are not counted).
     */
    record Batch(Map<String, Long> copying, Map<String, CopyOutcome> finished, long bytesDone, long filesDone,
                 String current, long sourceSeen, long destinationSeen) {
    }

    private final TaskExecutor executor;
    private final long gapNanos;
    private final Consumer<Batch> sink;
    private final ConcurrentHashMap<String, Long> copying = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CopyOutcome> finished = new ConcurrentHashMap<>();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong sourceSeen = new AtomicLong();
    private final AtomicLong destinationSeen = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong batches = new AtomicLong();
    private volatile String current = "";
    private volatile long lastFlush = System.nanoTime() - Long.MAX_VALUE / 4;

    /**
     * @param executor runs a batch on the UI thread, once the gap since the previous one has passed
     * @param sink     applies a batch (called on the UI thread)
     */
    EventCoalescer(TaskExecutor executor, long gapMillis, Consumer<Batch> sink) {
        this.executor = executor;
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMillis);
        this.sink = sink;
    }

    @Override
    public void scanProgress(long sourceEntries, long destinationEntries) {
        sourceSeen.set(sourceEntries);
        destinationSeen.set(destinationEntries);
        request();
    }

    @Override
    public void fileStarted(PlanEntry entry) {
        current = entry.path();
        copying.putIfAbsent(entry.path(), 0L);
        request();
    }

    @Override
    public void bytesCopied(PlanEntry entry, long bytes) {
        bytesDone.addAndGet(bytes);
        copying.merge(entry.path(), bytes, Long::sum);
        request();
    }

    @Override
    public void fileFinished(PlanEntry entry, CopyOutcome outcome) {
        // Out of "copying" first: a batch taken between the two lines then has the file in neither map (its row
        // keeps its last state until the next batch), never in "copying" after the batch that said it finished.
        copying.remove(entry.path());
        finished.put(entry.path(), outcome);
        if (!entry.isFolder()) {
            filesDone.incrementAndGet();
        }
        request();
    }

    /** How many batches went to the UI thread so far. */
    long batches() {
        return batches.get();
    }

    /** Hands over whatever is left now (at the end of a run), without waiting for the gap. */
    void flushNow() {
        executor.ui(this::flush);
    }

    private void request() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlush + gapNanos - System.nanoTime());
            executor.later(wait, TimeUnit.NANOSECONDS, this::flush);
        }
    }

    private void flush() {
        // Cleared before draining: an event arriving during the drain schedules the next batch.
        scheduled.set(false);
        lastFlush = System.nanoTime();
        Map<String, CopyOutcome> done = drain(finished);
        Map<String, Long> inFlight = new LinkedHashMap<>(copying);
        batches.incrementAndGet();
        sink.accept(new Batch(inFlight, done, bytesDone.get(), filesDone.get(), current, sourceSeen.get(),
                destinationSeen.get()));
    }

    private static <V> Map<String, V> drain(ConcurrentHashMap<String, V> from) {
        Map<String, V> out = new LinkedHashMap<>();
        for (String k : from.keySet()) {
            V v = from.remove(k);
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
