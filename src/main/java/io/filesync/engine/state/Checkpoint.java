package io.filesync.engine.state;

import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runs of one source/destination pair have done, so a crashed, killed or cancelled run can resume. It may
 * only let a run skip or revisit work; it never decides where anything is written (every path in it is
 * validated as relative and free of {@code ..} when loaded, and re-joined to the pair's own folders).
 * Thread-safe; saved by {@link CheckpointStore}.
 */
public final class Checkpoint {
    static final int VERSION = 1;

    /** The JSON form. */
    public record Data (int version, String source, String destination, List<String> runIds, List<String> completed,
                List<Failure> failed, List<String> foldersAwaitingTimes, String updated, String lastRun) {
    }

    /** How the latest run of the pair ended, as saved: "running" means it never got to say (killed, crashed). */
    static final String RUNNING = "running";

    record Failure(String path, String reason) {
    }

    private final SyncPair pair;
    private final Set<String> runIds = new LinkedHashSet<>();
    private final Set<String> completed = new LinkedHashSet<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Set<String> foldersAwaitingTimes = new LinkedHashSet<>();
    private String lastRun;
    private boolean dirty;

    Checkpoint(SyncPair pair) {
        this.pair = pair;
    }

    static Checkpoint of(SyncPair pair, Data d) {
        Checkpoint c = new Checkpoint(pair);
        c.runIds.addAll(d.runIds());
        c.completed.addAll(d.completed());
        for (Failure f : d.failed()) {
            c.failed.put(f.path(), f.reason());
        }
        c.foldersAwaitingTimes.addAll(d.foldersAwaitingTimes());
        c.lastRun = d.lastRun();
        return c;
    }

    SyncPair pair() {
        return pair;
    }

    public synchronized Set<String> runIds() {
        return Set.copyOf(runIds);
    }

    public synchronized boolean wasCompleted(String path) {
        return completed.contains(path);
    }

    public synchronized void startRun(String runId) {
        runIds.add(runId);
        lastRun = RUNNING;
        dirty = true;
    }

    /** How the checkpoint names a run's end: "completed", "cancelled", "stopped", "internal_error". */
    static String lastRunOf(RunSummary.End end) {
        return end.name().toLowerCase(java.util.Locale.ROOT);
    }

    public synchronized void ended(RunSummary.End end) {
        lastRun = lastRunOf(end);
        dirty = true;
    }

    /** Null for a checkpoint from before this was recorded. */
    public synchronized String lastRun() {
        return lastRun;
    }

    public synchronized int completedCount() {
        return completed.size();
    }

    public synchronized int failedCount() {
        return failed.size();
    }

    public synchronized void completed(String path) {
        completed.add(path);
        failed.remove(path);
        dirty = true;
    }

    public synchronized void failed(String path, String reason) {
        failed.put(path, reason);
        dirty = true;
    }

    public synchronized void awaitTimes(Iterable<String> folders) {
        for (String f : folders) {
            foldersAwaitingTimes.add(f);
        }
        dirty = true;
    }

    public synchronized List<String> foldersAwaitingTimes() {
        return List.copyOf(foldersAwaitingTimes);
    }

    public synchronized void timesSet(String folder) {
        foldersAwaitingTimes.remove(folder);
        dirty = true;
    }

    public synchronized boolean isDirty() {
        return dirty;
    }

    /** A consistent copy to write; clears the dirty mark. */
    public synchronized Data snapshot(String now) {
        dirty = false;
        List<Failure> f = new ArrayList<>(failed.size());
        failed.forEach((p, r) -> f.add(new Failure(p, r)));
        return new Data(VERSION, pair.source().toString(), pair.destination().toString(), List.copyOf(runIds),
                List.copyOf(completed), f, List.copyOf(foldersAwaitingTimes), now, lastRun);
    }
}
