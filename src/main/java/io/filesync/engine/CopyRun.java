package io.filesync.engine;

import io.filesync.platform.CopyRequest;
import io.filesync.platform.CopyResult;
import io.filesync.platform.DestinationFullException;
import io.filesync.platform.FileOps;
import io.filesync.platform.FileStat;
import io.filesync.platform.FileTimes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One copy run over the pending entries of a plan. Each file is copied to a temporary name in its target folder,
 * given its times, read back, checked, then published under its final name without ever replacing anything.
 * Folders this run created get their source's times once their content is written; folders that existed get
 * back the times they had. The checkpoint is saved every few seconds ({@link #nextSave}), each time after the
 * destination was flushed, so it never records a copy the device does not hold yet.
 */
final class CopyRun {
    static final Duration SAVE_EVERY = Duration.ofSeconds(3);

    private final FileOps ops;
    private final SyncPair pair;
    private final VolumeInfo volume;
    private final SyncOptions options;
    private final SyncListener listener;
    private final RunControl control;
    private final Checkpoint checkpoint;
    private final CheckpointStore store;
    private final RunLogs logs;
    private final Clock clock;
    private final TempNames tempNames;
    private final Folders folders;

    private final LongAdder copiedFiles = new LongAdder();
    private final LongAdder copiedBytes = new LongAdder();
    private final LongAdder creationNotKept = new LongAdder();
    private final LongAdder otherNotKept = new LongAdder();
    private final ConcurrentLinkedQueue<RunSummary.Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RunReport.FileRecord> records = new ConcurrentLinkedQueue<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicInteger done = new AtomicInteger();

    CopyRun(FileOps ops, SyncPair pair, VolumeInfo volume, SyncOptions options, SyncListener listener,
            RunControl control, Checkpoint checkpoint, CheckpointStore store, RunLogs logs, Clock clock,
            String runId) {
        this.ops = ops;
        this.pair = pair;
        this.volume = volume;
        this.options = options;
        this.listener = listener;
        this.control = control;
        this.checkpoint = checkpoint;
        this.store = store;
        this.logs = logs;
        this.clock = clock;
        this.tempNames = new TempNames(runId);
        this.folders = new Folders(ops, pair.destination());
    }

    List<RunReport.FileRecord> records() {
        return List.copyOf(records);
    }

    RunSummary run(List<PlanEntry> selection, List<String> leftovers) throws IOException {
        try (folders) {
            return runHeld(selection, leftovers);
        }
    }

    private RunSummary runHeld(List<PlanEntry> selection, List<String> leftovers) throws IOException {
        Instant started = clock.instant();
        sweep(leftovers);
        List<PlanEntry> pendingFolders = new ArrayList<>();
        List<PlanEntry> files = new ArrayList<>();
        for (PlanEntry e : selection) {
            if (e.category() != Category.PENDING) {
                throw new IllegalArgumentException("only pending entries can be copied: " + e.path());
            }
            (e.isFolder() ? pendingFolders : files).add(e);
        }
        // Recorded before the first folder exists: a run killed before it sets folder times lets the next one do it.
        checkpoint.awaitTimes(pendingFolders.stream().map(PlanEntry::target).toList());
        store.save(checkpoint);

        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "checkpoint"));
        saveEvery(saver, SAVE_EVERY);
        boolean cancelled = false;
        try {
            // One queue, folders first: the copy threads make the folders while others already copy files into
            // the first ones (a copy makes its own folder, and the folders above it, if it gets there first).
            List<PlanEntry> work = new ArrayList<>(pendingFolders.size() + files.size());
            work.addAll(pendingFolders);
            work.addAll(files);
            cancelled = copyAll(work);
        } finally {
            saver.shutdownNow();
        }
        cancelled |= control.isCancelled();
        boolean complete = !cancelled && stopReason.get() == null;
        if (complete) {
            setFolderTimes(pendingFolders);
        }
        try {
            ops.flushVolume(pair.destination());
        } catch (IOException e) {
            warn("Flushing the destination to its device failed (" + Reasons.of(e) + "); the copies may not survive"
                    + " a power cut.");
        }
        checkpoint.ended(stopReason.get() != null ? RunSummary.End.STOPPED
                : cancelled ? RunSummary.End.CANCELLED : RunSummary.End.COMPLETED);
        store.save(checkpoint);

        long left = Math.max(0, selection.size() - done.get());
        if (stopReason.get() != null) {
            stopReason.set("The destination is full: " + Units.files(copiedFiles.sum()) + " copied, " + left
                    + " left.");
            logs.error(stopReason.get());
        }
        RunSummary.End end = stopReason.get() != null ? RunSummary.End.STOPPED
                : cancelled ? RunSummary.End.CANCELLED : RunSummary.End.COMPLETED;
        List<RunSummary.Failure> failed = new ArrayList<>(failures);
        failed.sort(Comparator.comparing(RunSummary.Failure::path));
        return new RunSummary(new Tally(copiedFiles.sum(), copiedBytes.sum()), pendingFolders.stream()
                .filter(f -> folders.wasCreated(f.target())).count(), failed, left,
                creationNotKept.sum(), otherNotKept.sum(), end, stopReason.get(),
                Duration.between(started, clock.instant()), List.copyOf(warnings), null);
    }

    /** Removes temporary files that earlier runs of this pair left (their run ids are in the checkpoint). */
    private void sweep(List<String> leftovers) {
        for (String rel : leftovers) {
            Path p = pair.destination().resolve(rel);
            try {
                if (ops.stat(p).isFile()) {
                    Files.deleteIfExists(p);
                    logs.info("removed temporary file left by an earlier run: " + Escape.path(rel));
                }
            } catch (NoSuchFileException gone) {
                // already gone
            } catch (IOException e) {
                warn("A temporary file left by an earlier run could not be removed: " + rel + " (" + Reasons.of(e)
                        + ")");
            }
        }
    }

    private void makeFolder(PlanEntry f) {
        listener.fileStarted(f);
        try {
            folders.ensure(f.target());
            done.incrementAndGet();
            logs.info("created folder " + Escape.path(f.path()));
        } catch (IOException e) {
            fail(f, Reasons.of(e));
        }
    }

    /** Makes the folders and copies the files of {@code work}, in its order. @return whether it was cancelled */
    private boolean copyAll(List<PlanEntry> work) throws IOException {
        AtomicInteger next = new AtomicInteger();
        int threads = Math.min(options.threads(), Math.max(1, work.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "copy"));
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while (stopReason.get() == null && (i = next.getAndIncrement()) < work.size()) {
                    control.throwIfCancelled();
                    PlanEntry e = work.get(i);
                    if (e.isFolder()) {
                        makeFolder(e);
                    } else {
                        copyOne(e);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        boolean cancelled = false;
        for (Future<?> w : workers) {
            try {
                w.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof CancelledException) {
                    cancelled = true;
                } else {
                    throw new IllegalStateException("a copy worker failed", e.getCause());
                }
            } catch (InterruptedException e) {
                control.cancel();
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        return cancelled;
    }

    private void copyOne(PlanEntry e) {
        listener.fileStarted(e);
        String rel = e.path();
        String targetRel = e.target();
        int slash = targetRel.lastIndexOf('/');
        String name = targetRel.substring(slash + 1);
        Path temp = null;
        try {
            Path folder = folders.ensure(slash < 0 ? "" : targetRel.substring(0, slash));
            // Nothing is checked for at the target's name first: publishing never replaces, and says when
            // something took the name since the scan.
            Path target = folder.resolve(name);
            temp = folder.resolve(tempNames.next());
            Path source = pair.source().resolve(rel);
            CopyResult result = ops.copy(new CopyRequest(source, e.source(), temp, options.verify(),
                    options.fsyncEachFile(), e.source().times(), volume.creationStore()), bytes -> {
                if (control.isCancelled() || stopReason.get() != null) {
                    throw new InterruptedIOException("cancelled");
                }
                control.awaitIfPaused();
                listener.bytesCopied(e, bytes);
            });
            FileStat back = result.copy();
            if (back.size() != e.size()) {
                throw new IOException("the copy has " + back.size() + " bytes instead of " + e.size());
            }
            TimesKept kept = TimesCheck.compare(e.source().times(), back.times(), volume);
            if (!ops.publish(temp, target)) {
                Files.deleteIfExists(temp);
                temp = null;
                notReplaced(e);
                return;
            }
            temp = null;
            if (result.sourceAccessTouched()) {
                restoreSourceAccessTime(source, e.source().times());
            }
            checkpoint.completed(rel);
            copiedFiles.increment();
            copiedBytes.add(result.bytes());
            if (!kept.created().kept() && kept.created() != TimeKept.NO_SOURCE_VALUE) {
                creationNotKept.increment();
            }
            if (!kept.modified().kept() || !kept.accessed().kept()) {
                otherNotKept.increment();
            }
            finish(e, new CopyOutcome.Copied(result.bytes(), kept));
        } catch (InterruptedIOException cancelled) {
            deleteQuietly(temp);
            throw new CancelledException();
        } catch (DestinationFullException full) {
            deleteQuietly(temp);
            if (stopReason.compareAndSet(null, "full")) {
                logs.error("the destination is full while copying " + Escape.path(rel));
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof CancelledException c) {
                deleteQuietly(temp);
                throw c;
            }
            deleteQuietly(temp);
            fail(e, Reasons.of(ex));
        }
    }

    private void restoreSourceAccessTime(Path source, FileTimes scanned) {
        try {
            FileStat now = ops.stat(source);
            if (!now.times().accessed().equals(scanned.accessed())) {
                ops.setTimes(source, new FileTimes(now.times().modified(), scanned.accessed(), null));
            }
        } catch (IOException ex) {
            warn("The access time of source file " + source + " moved when it was read and could not be put back ("
                    + Reasons.of(ex) + ").");
        }
    }

    private void notReplaced(PlanEntry e) {
        CopyOutcome.NotReplaced o = new CopyOutcome.NotReplaced("another program created \"" + e.path()
                + "\" in the destination after the scan; that file was left as it is");
        checkpoint.failed(e.path(), o.reason());
        failures.add(new RunSummary.Failure(e.path(), o.reason()));
        finish(e, o);
    }

    private void fail(PlanEntry e, String reason) {
        checkpoint.failed(e.path(), reason);
        failures.add(new RunSummary.Failure(e.path(), reason));
        finish(e, new CopyOutcome.Failed(reason));
    }

    private void finish(PlanEntry e, CopyOutcome outcome) {
        done.incrementAndGet();
        records.add(new RunReport.FileRecord(e.path(), outcome));
        switch (outcome) {
            case CopyOutcome.Copied c -> logs.info("copied " + Escape.path(e.path()) + " (" + c.bytes() + " bytes; "
                    + c.times().describe() + ")");
            case CopyOutcome.Failed f -> logs.error("failed " + Escape.path(e.path()) + ": " + f.reason());
            case CopyOutcome.NotReplaced n -> logs.error("not copied " + Escape.path(e.path()) + ": " + n.reason());
        }
        listener.fileFinished(e, outcome);
    }

    /**
     * Deepest first, so setting a folder's times is never undone by work in a folder below it. Folders created by
     * this run or an earlier, interrupted one get the source folder's times; folders that existed get back theirs.
     */
    private void setFolderTimes(List<PlanEntry> pendingFolders) {
        Map<String, FileTimes> target = new LinkedHashMap<>();
        // Folders that existed get back their own modification and access time, and nothing more: no creation
        // time attribute is ever added to something that was already in the destination.
        folders.existingTimes().forEach((rel, t) -> target.put(rel, new FileTimes(t.modified(), t.accessed(), null)));
        Map<String, String> sourceOf = new java.util.HashMap<>();
        pendingFolders.forEach(f -> sourceOf.put(f.target(), f.path()));
        for (String rel : checkpoint.foldersAwaitingTimes()) {
            try {
                FileStat src = ops.stat(pair.source().resolve(sourceOf.getOrDefault(rel, rel)));
                FileStat dst = ops.stat(pair.destination().resolve(rel));
                if (src.isFolder() && dst.isFolder()) {
                    target.put(rel, src.times());
                } else {
                    checkpoint.timesSet(rel);
                }
            } catch (NoSuchFileException gone) {
                checkpoint.timesSet(rel);
            } catch (IOException ex) {
                warn("The times of folder " + rel + " cannot be read: " + Reasons.of(ex));
            }
        }
        List<String> order = new ArrayList<>(target.keySet());
        order.sort(Comparator.comparingInt((String s) -> s.isEmpty() ? 0 : s.split("/").length).reversed());
        Map<String, TimesKept> kept = new LinkedHashMap<>();
        for (String rel : order) {
            FileTimes times = target.get(rel);
            Path p = folders.path(rel);
            try {
                FileStat now = ops.stat(p);
                if (!now.isFolder()) {
                    continue;
                }
                ops.setTimes(p, times, volume.creationStore());
                kept.put(rel, TimesCheck.compare(times, ops.stat(p).times(), volume));
                checkpoint.timesSet(rel);
            } catch (IOException ex) {
                warn("The times of destination folder " + rel + " could not be set: " + Reasons.of(ex));
            }
        }
        for (PlanEntry f : pendingFolders) {
            if (folders.wasCreated(f.target())) {
                TimesKept k = kept.get(f.target());
                if (k != null) {
                    if (!k.created().kept() && k.created() != TimeKept.NO_SOURCE_VALUE) {
                        creationNotKept.increment();
                    }
                    records.add(new RunReport.FileRecord(f.path(), new CopyOutcome.Copied(0, k)));
                    listener.fileFinished(f, new CopyOutcome.Copied(0, k));
                }
            }
        }
    }

    /**
     * Saves the checkpoint after {@code delay}, then again and again. A checkpoint lists every file copied, so in a
     * run of a million files each save writes tens of megabytes and flushes them: the pause after a save is at
     * least ten times what the save took, which keeps saving under a tenth of one thread's time. Saving less often
     * loses nothing: a resumed run finds the files already copied in the destination.
     */
    private void saveEvery(ScheduledExecutorService saver, Duration delay) {
        try {
            saver.schedule(() -> {
                long t0 = System.nanoTime();
                saveQuietly();
                saveEvery(saver, nextSave(Duration.ofNanos(System.nanoTime() - t0)));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException runEnded) {
            // the run ended and saves its checkpoint itself
        }
    }

    /** The pause after a save that took {@code took}: {@link #SAVE_EVERY}, or ten times the save if longer. */
    static Duration nextSave(Duration took) {
        Duration tenTimes = took.multipliedBy(10);
        return tenTimes.compareTo(SAVE_EVERY) > 0 ? tenTimes : SAVE_EVERY;
    }

    private void saveQuietly() {
        try {
            Checkpoint.Data snapshot = checkpoint.isDirty() ? checkpoint.snapshot(clock.instant().toString()) : null;
            if (snapshot == null) {
                return;
            }
            ops.flushVolume(pair.destination());
            store.write(store.fileFor(pair), snapshot);
            logs.flush();
        } catch (IOException | RuntimeException e) {
            warn("The checkpoint could not be saved: " + Reasons.of(e));
        }
    }

    private void warn(String message) {
        warnings.add(message);
        logs.error(message);
        listener.warning(message);
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // A temp that cannot be deleted now is swept by the next run of this pair (its run id is recorded).
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "filesync-" + name);
        t.setDaemon(true);
        return t;
    }
}
