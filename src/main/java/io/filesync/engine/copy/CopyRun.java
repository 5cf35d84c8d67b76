package io.filesync.engine.copy;

import io.filesync.engine.CancelledException;
import io.filesync.engine.Category;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.RunControl;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncListener;
import io.filesync.engine.SyncOptions;
import io.filesync.engine.SyncPair;
import io.filesync.engine.Tally;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import io.filesync.engine.Units;
import io.filesync.engine.VolumeInfo;
import io.filesync.engine.report.Escape;
import io.filesync.engine.report.Reasons;
import io.filesync.engine.report.RunLogs;
import io.filesync.engine.report.RunReport;
import io.filesync.engine.state.Checkpoint;
import io.filesync.engine.state.CheckpointStore;
import io.filesync.engine.state.NameJournal;
import io.filesync.engine.state.TempNames;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import io.filesync.platform.CopyRequest;
import io.filesync.platform.CopyResult;
import io.filesync.platform.DestinationFullException;
import io.filesync.platform.DestinationWriteException;
import io.filesync.platform.FileOps;
import io.filesync.platform.SourceChangedException;
import io.filesync.platform.SourceLockedException;
import io.filesync.platform.SourceReadException;

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
 * One copy run over the pending entries of a plan. Each file is copied to a temporary name in its target folder
 * (or, where one flush of the volume names a batch, without any name: {@link CopyRequest#unnamed}), given its times,
 * read back and checked; {@link BatchNaming} then gives copies their final names in batches, each
 * only once its bytes are on the device, and never replacing anything. Folders this run created get their source's
 * times once their content is written; folders that existed get back the times they had. The checkpoint is saved
 * every few seconds ({@link #nextSave}); it calls a file copied only once its name is on the device.
 *
 * <p>Damaged copies an interrupted run left under names it gave (the plan found them through {@link NameJournal})
 * are moved aside first, never deleted, and copied afresh. A destination that fills up, disappears or keeps failing
 * stops the run at once with one sentence naming the file in flight; a failing source fails that file alone.
 */
public final class CopyRun {
    static final Duration SAVE_EVERY = Duration.ofSeconds(3);
    /** Destination write errors in a row, with no copy succeeding between them, that stop the run. */
    static final int DESTINATION_FAILURES_TO_STOP = 3;

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
    private final LongAdder sourceAccessPutBack = new LongAdder();
    private final ConcurrentLinkedQueue<RunSummary.Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RunReport.FileRecord> records = new ConcurrentLinkedQueue<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    /**
     * Why the run stops before its end, and what the user can do; null while it goes on. {@code internal}: a
     * programming error stopped it, not the destination.
     */
    private record Stop(String what, String advice, boolean internal) {
    }

    private final AtomicReference<Stop> stopReason = new AtomicReference<>();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger destinationFailuresInARow = new AtomicInteger();
    private final String runId;
    private FileStat destinationRoot;
    private boolean wholeVolumeFlush;
    private BatchNaming naming;

    public CopyRun(FileOps ops, SyncPair pair, VolumeInfo volume, SyncOptions options, SyncListener listener,
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
        this.runId = runId;
        this.tempNames = new TempNames(runId);
        this.folders = new Folders(ops, pair.destination());
    }

    public List<RunReport.FileRecord> records() {
        return List.copyOf(records);
    }

    /**
     * @param keepNames  names recorded by earlier runs that this run does not check (damaged copies the selection
     *                   leaves out): they stay recorded for the next run
     * @param checkBytes compare the bytes of every copy earlier runs recorded naming that the plan found present (same
     *                   size and time) with its source's, and treat one that differs as damaged ({@code --verify})
     */
    public RunSummary run(List<PlanEntry> selection, List<String> leftovers, List<String> keepNames, boolean checkBytes)
            throws IOException {
        Path names = store.namesFileFor(pair);
        DamagedCopies damaged = new DamagedCopies(ops, pair, logs, runId);
        List<PlanEntry> entries = selection;
        if (checkBytes) {
            List<String> problems = new ArrayList<>();
            entries = new ArrayList<>(selection);
            entries.addAll(damaged.withOtherBytes(NameJournal.load(names, clock, problems), selection, problems));
            problems.forEach(this::warn);
        }
        // Damaged copies are moved aside before the record of names is started anew: a run killed in between still
        // finds them recorded next time.
        List<PlanEntry> work = new ArrayList<>(entries.size());
        for (PlanEntry e : entries) {
            if (e.category() != Category.PENDING) {
                throw new IllegalArgumentException("only pending entries can be copied: " + e.path());
            }
            if (!e.damagedCopy()) {
                work.add(e);
                continue;
            }
            try {
                damaged.moveAside(e);
                work.add(e);
            } catch (IOException ex) {
                fail(e, "FileSync's damaged copy of it, left by an interrupted run, could not be moved aside ("
                        + Reasons.of(ex) + "); nothing was copied over it");
            }
        }
        damaged.summary().ifPresent(this::warn);
        try (folders; NameJournal journal = NameJournal.restart(names, keepNames)) {
            return runHeld(work, entries.size(), leftovers, journal);
        }
    }

    /** @param total the entries this run was given, {@code work} and those that already failed */
    private RunSummary runHeld(List<PlanEntry> work, int total, List<String> leftovers, NameJournal journal)
            throws IOException {
        Instant started = clock.instant();
        destinationRoot = ops.stat(pair.destination());
        wholeVolumeFlush = ops.flushesWholeVolume(pair.destination()) && !options.fsyncEachFile();
        logs.info(wholeVolumeFlush ? "copies reach the device by one flush of the destination volume per batch"
                : "each copy is flushed to the device on its own, and each folder after names were given in it");
        naming = new BatchNaming(ops, pair.destination(), wholeVolumeFlush, journal, new Named());
        sweep(leftovers);
        List<PlanEntry> pendingFolders = new ArrayList<>();
        List<PlanEntry> files = new ArrayList<>();
        for (PlanEntry e : work) {
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
            List<PlanEntry> queue = new ArrayList<>(pendingFolders.size() + files.size());
            queue.addAll(pendingFolders);
            queue.addAll(files);
            cancelled = copyAll(queue);
        } finally {
            saver.shutdownNow();
            // Complete copies keep their work, even when the run was cancelled or stopped (a full destination can
            // still take names); where the destination is gone, naming fails and they are left for the next run.
            naming.nameStaged();
        }
        cancelled |= control.isCancelled();
        boolean complete = !cancelled && stopReason.get() == null;
        if (complete) {
            setFolderTimes(pendingFolders);
        }
        if (wholeVolumeFlush && stopReason.get() == null) {
            // The copies' names are on the device already (BatchNaming); this brings the folders' times there too.
            // Where the volume cannot be flushed as a whole, a folder time lost to a power cut is set by a later run
            // only if that run creates or adds to the folder again.
            try {
                ops.flushVolume(pair.destination());
            } catch (IOException e) {
                warn("Flushing the destination to its device failed (" + Reasons.of(e) + "); the folders' times may"
                        + " not survive a power cut.");
            }
        }
        RunSummary.End end = stopReason.get() != null
                ? (stopReason.get().internal() ? RunSummary.End.INTERNAL_ERROR : RunSummary.End.STOPPED)
                : cancelled ? RunSummary.End.CANCELLED : RunSummary.End.COMPLETED;
        checkpoint.ended(end);
        store.save(checkpoint);

        long left = Math.max(0, total - done.get());
        String stopSentence = null;
        if (stopReason.get() != null) {
            stopSentence = stopReason.get().what() + "; " + Units.files(copiedFiles.sum()) + " copied, " + left
                    + " left. " + stopReason.get().advice();
            logs.error(stopSentence);
        }
        List<RunSummary.Failure> failed = new ArrayList<>(failures);
        failed.sort(Comparator.comparing(RunSummary.Failure::path));
        return new RunSummary(new Tally(copiedFiles.sum(), copiedBytes.sum()), pendingFolders.stream()
                .filter(f -> folders.wasCreated(f.target())).count(), failed, left,
                creationNotKept.sum(), otherNotKept.sum(), sourceAccessPutBack.sum(), end, stopSentence,
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
            // Nothing is checked for at the target's name first: naming never replaces, and says when something
            // took the name since the scan.
            Path target = folder.resolve(name);
            temp = folder.resolve(tempNames.next());
            Path source = pair.source().resolve(rel);
            // Unnamed where the volume allows (one flush of the volume names them all): BatchNaming gives the name.
            CopyResult result = ops.copy(new CopyRequest(source, e.source(), temp, options.verify(),
                    !wholeVolumeFlush, e.source().times(), volume.creationStore(), wholeVolumeFlush), bytes -> {
                if (control.isCancelled() || stopReason.get() != null) {
                    throw new InterruptedIOException("cancelled");
                }
                if (control.isPaused()) {
                    // A paused run may be left for hours, and the disk unplugged: finished copies get their names
                    // (and reach the device) now, not when it resumes.
                    naming.nameStaged();
                    control.awaitIfPaused();
                }
                listener.bytesCopied(e, bytes);
            });
            FileStat back = result.copy();
            if (back.size() != e.size()) {
                throw new IOException("the copy has " + back.size() + " bytes instead of " + e.size());
            }
            TimesKept kept = TimesCheck.compare(e.source().times(), back.times(), volume);
            if (result.sourceAccessPutBack()) {
                sourceAccessPutBack.increment();
                logs.info("the access time of source file " + Escape.path(rel) + " moved when it was read and was set"
                        + " back (its change time moved)");
            }
            if (result.sourceAccessTouched()) {
                restoreSourceAccessTime(source, e.source().times());
            }
            destinationFailuresInARow.set(0);
            BatchNaming.Staged staged = new BatchNaming.Staged(e, folder, temp, target, result, kept);
            temp = null;
            naming.stage(staged);
        } catch (InterruptedIOException cancelled) {
            deleteQuietly(temp);
            throw new CancelledException();
        } catch (CancelledException c) {
            deleteQuietly(temp);
            throw c;
        } catch (IOException ex) {
            deleteQuietly(temp);
            failed(e, ex);
        } catch (RuntimeException bug) {
            // A bug in FileSync, not this file's fault: failing file after file with the same bug would bury it.
            // The run stops (copies already named stay), the log keeps the stack trace, and the file is left for
            // the next run.
            deleteQuietly(temp);
            logs.error("internal error while copying " + Escape.path(rel), bug);
            stop(new Stop("FileSync stopped on an internal error (a bug) while copying " + Escape.path(rel) + ": "
                    + bug, "Nothing already copied is affected; please report it with the log (" + logs.mainLog()
                    + "), which has the details. Running the same command again resumes.", true));
        }
    }

    /**
     * A file that could not be copied. A source that failed or changed fails that file alone. The destination
     * failing stops the run at once when it is full, gone (its folder unreachable or another volume mounted there)
     * or failed {@link #DESTINATION_FAILURES_TO_STOP} times in a row: failing thousands of files one by one would
     * say nothing more.
     */
    private void failed(PlanEntry e, IOException ex) {
        String rel = Escape.path(e.path());
        if (stopReason.get() != null) {
            return; // the run is stopping: a file the stop cut short is left for the next run, not failed
        }
        if (ex instanceof DestinationFullException) {
            stop("The destination is full: " + rel + " was being copied when it ran out of space",
                    "Free some space on it and run the same command again to resume.");
            return;
        }
        boolean sourceSide = ex instanceof SourceChangedException || ex instanceof SourceReadException
                || ex instanceof SourceLockedException;
        String gone = sourceSide ? null : destinationGone(ex);
        if (gone != null) {
            if (!stop("The destination " + pair.destination() + " " + gone + " while " + rel + " was being copied",
                    "Reconnect the disk at the same place and run the same command again: it resumes, and checks"
                    + " and copies again any copy the disk did not keep.")) {
                return; // another copy thread found it gone first: this file is left, not failed
            }
        } else if (ex instanceof DestinationWriteException
                && destinationFailuresInARow.incrementAndGet() >= DESTINATION_FAILURES_TO_STOP) {
            stop("Writing to the destination failed " + DESTINATION_FAILURES_TO_STOP + " times in a row, last while "
                    + rel + " was being copied (" + Reasons.of(ex) + ")",
                    "Check the backup disk, then run the same command again to resume.");
        }
        fail(e, gone != null ? "the destination " + gone : Reasons.of(ex));
    }

    /**
     * Why the destination is no longer there, or null while it is: its folder cannot be examined any more (the device
     * is gone, the FUSE driver died), or another volume (or none) is mounted there now.
     */
    private String destinationGone(IOException ex) {
        if (ex instanceof DestinationWriteException w && w.deviceGone()) {
            return "is no longer there (" + Reasons.of(ex) + ")";
        }
        try {
            FileStat now = ops.stat(pair.destination());
            return now.isFolder() && now.device() == destinationRoot.device() ? null
                    : "is no longer the volume it was when the run started (unmounted?)";
        } catch (IOException unreachable) {
            return "cannot be reached any more (" + Reasons.of(unreachable) + ")";
        }
    }

    /**
     * Stops the run: the copy threads take no new file, copies in flight end at their next chunk.
     *
     * @return whether this call stopped the run (false: it was stopping already)
     */
    private boolean stop(String what, String advice) {
        return stop(new Stop(what, advice, false));
    }

    private boolean stop(Stop why) {
        if (stopReason.compareAndSet(null, why)) {
            logs.error(why.what());
            return true;
        }
        return false;
    }

    /** What {@link BatchNaming} did with each finished copy. */
    private final class Named implements BatchNaming.Outcomes {
        private final AtomicInteger namesNotFlushed = new AtomicInteger();

        @Override
        public void named(BatchNaming.Staged s, boolean nameOnDevice) {
            PlanEntry e = s.entry();
            if (nameOnDevice) {
                checkpoint.completed(e.path());
            } else if (namesNotFlushed.getAndIncrement() == 0) {
                warn("Flushing the names of finished copies to the destination's device failed; a power cut now"
                        + " could lose some of them, and the next run would copy those again.");
            }
            copiedFiles.increment();
            copiedBytes.add(s.result().bytes());
            TimesKept kept = s.kept();
            if (!kept.created().kept() && kept.created() != TimeKept.NO_SOURCE_VALUE) {
                creationNotKept.increment();
            }
            if (!kept.modified().kept() || !kept.accessed().kept()) {
                otherNotKept.increment();
            }
            finish(e, new CopyOutcome.Copied(s.result().bytes(), kept));
        }

        @Override
        public void notReplaced(BatchNaming.Staged s) {
            CopyRun.this.notReplaced(s.entry());
        }

        @Override
        public void failed(BatchNaming.Staged s, IOException problem) {
            CopyRun.this.failed(s.entry(), problem);
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
    public static Duration nextSave(Duration took) {
        Duration tenTimes = took.multipliedBy(10);
        return tenTimes.compareTo(SAVE_EVERY) > 0 ? tenTimes : SAVE_EVERY;
    }

    private void saveQuietly() {
        try {
            Checkpoint.Data snapshot = checkpoint.isDirty() ? checkpoint.snapshot(clock.instant().toString()) : null;
            if (snapshot == null) {
                return;
            }
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

    private void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                ops.discard(temp);
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
