package io.filesync.engine.copy;

import io.filesync.engine.PlanEntry;
import io.filesync.engine.TimesKept;
import io.filesync.engine.report.Reasons;
import io.filesync.engine.state.NameJournal;
import io.filesync.platform.CopyResult;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Gives finished copies their final names in batches, each name only once the copy's bytes, size and times are on
 * the device, and calls a copy named only once its name is on the device too. For each batch:
 * <ol>
 *     <li>the copies reach the device: one flush of the whole destination volume ({@code syncfs}) where that reaches
 *     the device; elsewhere (FUSE volumes such as ntfs-3g and exfat-fuse, Windows, macOS, or {@code --fsync}) each
 *     copy was flushed on its own before it was staged;</li>
 *     <li>the names about to be given are recorded in the FileSync home and flushed there ({@link NameJournal}), so
 *     a later run can check them even if the device lied about flushing;</li>
 *     <li>each copy is renamed (or, made without a name, linked to its name), never replacing anything;</li>
 *     <li>the names reach the device: the volume flushed again, or each folder that got a name.</li>
 * </ol>
 * A batch is named when it holds {@link #MAX_FILES} copies or its first copy has waited {@link #MAX_WAIT_NANOS}, and
 * at the end of the run. One flush per batch instead of one per file is what keeps this cheap for small files.
 */
final class BatchNaming {
    static final int MAX_FILES = 1_000;
    /**
     * 500 ms. The system property {@code filesync.batchWaitMillis} changes it for KilledRunTest's child runs: there a
     * quick run named all its copies in one batch at its end, so no kill could find some named and others not.
     */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("filesync.batchWaitMillis", 500));

    /** A copy finished under its temporary name in {@code folder}, waiting for its final name {@code target}. */
    record Staged(PlanEntry entry, Path folder, Path temp, Path target, CopyResult result, TimesKept kept) {
    }

    /** What became of each staged copy; called on the thread that named the batch. */
    interface Outcomes {
        /** @param nameOnDevice false when flushing the name failed: the copy is complete but its name may not last */
        void named(Staged s, boolean nameOnDevice);

        /** Something took the name since the scan; it was left as it is and the copy removed. */
        void notReplaced(Staged s);

        /** The copy could not be given its name (it was removed). */
        void failed(Staged s, IOException problem);
    }

    private final FileOps ops;
    private final Path destination;
    private final boolean wholeVolume;
    private final NameJournal journal;
    private final Outcomes outcomes;
    private final Object naming = new Object();
    private List<Staged> batch = new ArrayList<>();
    private long batchStarted;

    /**
     * @param wholeVolume one {@link FileOps#flushVolume} brings every copy onto the device; when false, each copy must
     *                    have been flushed on its own before it is staged
     */
    BatchNaming(FileOps ops, Path destination, boolean wholeVolume, NameJournal journal, Outcomes outcomes) {
        this.ops = ops;
        this.destination = destination;
        this.wholeVolume = wholeVolume;
        this.journal = journal;
        this.outcomes = outcomes;
    }

    /** Adds a finished copy; names the batch on this thread when it is full or has waited long enough. */
    void stage(Staged s) {
        List<Staged> full = null;
        synchronized (this) {
            long now = System.nanoTime();
            if (batch.isEmpty()) {
                batchStarted = now;
            }
            batch.add(s);
            if (batch.size() >= MAX_FILES || now - batchStarted >= MAX_WAIT_NANOS) {
                full = batch;
                batch = new ArrayList<>();
            }
        }
        if (full != null) {
            name(full);
        }
    }

    /** Names every copy staged so far (the run ended or was cancelled: finished copies keep their work). */
    void nameStaged() {
        List<Staged> rest;
        synchronized (this) {
            rest = batch;
            batch = new ArrayList<>();
        }
        if (!rest.isEmpty()) {
            name(rest);
        }
    }

    private void name(List<Staged> b) {
        synchronized (naming) {
            if (wholeVolume) {
                try {
                    ops.flushVolume(destination);
                } catch (IOException e) {
                    // After a failed flush the kernel may have dropped pages of any of these copies: none is trusted.
                    b.forEach(s -> failed(s, e));
                    return;
                }
            }
            try {
                journal.record(b.stream().map(s -> s.entry().target()).toList());
            } catch (IOException e) {
                IOException why = new IOException("recording the copy's name in FileSync's own folder failed ("
                        + Reasons.of(e) + "), so it was not given");
                b.forEach(s -> failed(s, why));
                return;
            }
            List<Staged> named = new ArrayList<>(b.size());
            Set<Path> folders = new LinkedHashSet<>();
            boolean tookBack = false;
            for (Staged s : b) {
                try {
                    if (ops.publish(s.temp(), s.target())) {
                        named.add(s);
                        folders.add(s.folder());
                        continue;
                    }
                    deleteQuietly(s.temp());
                    tookBack |= takeBack(s);
                    outcomes.notReplaced(s);
                } catch (IOException e) {
                    // The name stays recorded: whether the rename happened is not known, and a copy under it would
                    // be complete (flushed before) or, if the device lied, checked by the next plan.
                    failed(s, e);
                }
            }
            boolean onDevice = true;
            try {
                if (wholeVolume) {
                    ops.flushVolume(destination);
                } else {
                    for (Path folder : folders) {
                        ops.flushFolder(folder);
                    }
                }
                if (tookBack) {
                    journal.record(List.of());
                }
            } catch (IOException e) {
                onDevice = false;
            }
            for (Staged s : named) {
                outcomes.named(s, onDevice);
            }
        }
    }

    private boolean takeBack(Staged s) {
        try {
            journal.takeBack(s.entry().target());
            return true;
        } catch (IOException e) {
            return false; // the name stays recorded: the next plan compares that file with its source, nothing more
        }
    }

    private void failed(Staged s, IOException e) {
        deleteQuietly(s.temp());
        outcomes.failed(s, e);
    }

    private void deleteQuietly(Path temp) {
        try {
            ops.discard(temp);
        } catch (IOException ignored) {
            // swept by the next run of this pair (this run's id is in the checkpoint)
        }
    }
}
