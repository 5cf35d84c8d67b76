package io.filesync.engine.verify;

import io.filesync.engine.Category;
import io.filesync.engine.SyncPair;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import io.filesync.engine.VerifyResult;
import io.filesync.engine.VolumeInfo;
import io.filesync.engine.copy.TimesCheck;
import io.filesync.engine.report.Reasons;
import io.filesync.engine.scan.TreeWalker;
import io.filesync.files.FileStat;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks that every source file has a complete copy at the same path with the same size, bytes and modification
 * time (and creation time where the destination holds one). Access times are not compared: opening a backup
 * legitimately moves them. Both sides are read without moving their access times.
 */
public final class Verification implements TreeWalker.Visitor {
    private final FileOps ops;
    private final SyncPair pair;
    private final VolumeInfo volume;
    private final LongAdder checked = new LongAdder();
    private final ConcurrentLinkedQueue<VerifyResult.Problem> problems = new ConcurrentLinkedQueue<>();

    public Verification(FileOps ops, SyncPair pair, VolumeInfo volume) {
        this.ops = ops;
        this.pair = pair;
        this.volume = volume;
    }

    /** Never copied (a name the destination cannot hold, a case twin): there is nothing to verify. */
    @Override
    public void notCopied(String path, FileStat source, Category category, String reason, boolean creationRead) {
    }

    @Override
    public void source(String path, String target, FileStat source, FileStat destination, boolean creationRead) {
        if (source.isFolder()) {
            if (destination == null) {
                problem(path, "the folder is missing from the destination");
            } else if (!destination.isFolder()) {
                problem(path, "the destination has a " + destination.kind().words() + " where the folder should be");
            }
            return;
        }
        if (!source.isFile()) {
            return; // links, FIFOs, devices are never copied, so there is nothing to verify
        }
        checked.increment();
        if (destination == null) {
            problem(path, "missing from the destination");
            return;
        }
        if (!destination.isFile()) {
            problem(path, "the destination has a " + destination.kind().words() + " instead of the file");
            return;
        }
        if (destination.size() != source.size()) {
            problem(path, "the copy has " + destination.size() + " bytes, the source " + source.size());
            return;
        }
        TimesKept t = TimesCheck.compare(source.times(), destination.times(), volume);
        if (!t.modified().kept()) {
            problem(path, "the copy's modification time is " + destination.times().modified() + ", the source's "
                    + source.times().modified());
        }
        if (t.created() == TimeKept.LOST) {
            problem(path, "the copy's creation time is " + destination.times().created() + ", the source's "
                    + source.times().created());
        }
        try {
            byte[] a = ops.digest(pair.source().resolve(path));
            byte[] b = ops.digest(pair.destination().resolve(target));
            if (!Arrays.equals(a, b)) {
                problem(path, "the copy's content differs from the source's");
            }
        } catch (IOException e) {
            problem(path, "it could not be read to compare: " + Reasons.of(e));
        }
    }

    private void problem(String path, String what) {
        problems.add(new VerifyResult.Problem(path, what));
    }

    @Override
    public void unreadableSource(String path, FileStat source, String reason) {
        problem(path.isEmpty() ? "." : path, "the source cannot be read: " + reason);
    }

    @Override
    public void unrepresentableSource(String path) {
        problem(path, "its name is not valid UTF-8, so it cannot be checked");
    }

    @Override
    public void destination(String path, FileStat destination) {
    }

    @Override
    public void unreadableDestination(String path, String reason) {
        problem(path.isEmpty() ? "." : path, reason);
    }

    public VerifyResult result() {
        List<VerifyResult.Problem> list = problems.stream()
                .sorted(Comparator.comparing(VerifyResult.Problem::path)).toList();
        List<String> notes = volume.holdsCreationTime() ? List.of()
                : List.of("Creation times were not compared: " + volume.sentence());
        return new VerifyResult(checked.sum(), list, notes);
    }

}
