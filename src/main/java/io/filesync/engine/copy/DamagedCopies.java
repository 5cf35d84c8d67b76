package io.filesync.engine.copy;

import io.filesync.engine.Category;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.SyncPair;
import io.filesync.engine.Units;
import io.filesync.engine.report.Escape;
import io.filesync.engine.report.Reasons;
import io.filesync.engine.report.RunLogs;
import io.filesync.files.FileStat;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * FileSync's own copies that an interrupted run (a power cut, a pulled cable, a device that lied about flushing) left
 * damaged under names it gave ({@link NameJournal}): the ones a plan cannot tell by size and time found by their
 * bytes, and each moved aside as {@code NAME.filesync-damaged-RUNID}, never deleted, so the file can be copied again.
 */
final class DamagedCopies {
    private final FileOps ops;
    private final SyncPair pair;
    private final RunLogs logs;
    private final String suffix;
    private final LongAdder movedAside = new LongAdder();

    DamagedCopies(FileOps ops, SyncPair pair, RunLogs logs, String runId) {
        this.ops = ops;
        this.pair = pair;
        this.logs = logs;
        this.suffix = ".filesync-damaged-" + runId;
    }

    /**
     * Recorded names, other than the targets of {@code selection}, whose copy has its source's size but other bytes (a
     * device that lied can leave a copy whose size and times were written and whose data was not), as damaged
     * pending entries. A copy that cannot be compared is said in {@code problems}.
     */
    List<PlanEntry> withOtherBytes(Set<String> recorded, List<PlanEntry> selection, List<String> problems)
            throws IOException {
        Set<String> names = new HashSet<>(recorded);
        selection.forEach(e -> names.remove(e.target()));
        List<PlanEntry> damaged = new ArrayList<>();
        for (String name : names) {
            Path source = pair.source().resolve(name);
            Path copy = pair.destination().resolve(name);
            try {
                FileStat src = ops.stat(source);
                FileStat dst = ops.stat(copy);
                if (src.isFile() && dst.isFile() && src.size() == dst.size()
                        && !Arrays.equals(ops.digest(source), ops.digest(copy))) {
                    damaged.add(new PlanEntry(name, name, ops.withCreationTime(source, src), Category.PENDING,
                            "FileSync's own copy from an interrupted run has other bytes than the source: it is moved"
                                    + " aside and the file copied again", false, true));
                }
            } catch (NoSuchFileException gone) {
                // nothing to compare: the source was removed, or the copy was (a plan copies it again)
            } catch (IOException e) {
                problems.add("The copy of " + name + " could not be compared with its source (" + Reasons.of(e)
                        + ").");
            }
        }
        return damaged;
    }

    /**
     * Moves the damaged copy of {@code e} (see {@link PlanEntry#damagedCopy()}) aside, never replacing anything;
     * nothing to do when the name holds no file any more (the copy then meets whatever is there and never replaces
     * it). @throws IOException when it cannot be moved: nothing may then be copied over it
     */
    void moveAside(PlanEntry e) throws IOException {
        Path target = pair.destination().resolve(e.target());
        try {
            if (!ops.stat(target).isFile()) {
                return;
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        Path aside = target.resolveSibling(asideName(target.getFileName().toString()));
        if (!ops.publish(target, aside)) {
            throw new IOException("the name " + aside.getFileName() + " is taken");
        }
        movedAside.increment();
        logs.info("moved FileSync's damaged copy of " + Escape.path(e.path()) + " aside as "
                + Escape.path(aside.getFileName().toString()) + " (" + e.reason() + ")");
    }

    /** One sentence for the user once any copy was moved aside. */
    Optional<String> summary() {
        long n = movedAside.sum();
        return n == 0 ? Optional.empty() : Optional.of(Units.files(n) + " that an interrupted run had left damaged under "
                + (n == 1 ? "its name was" : "their names were") + " moved aside as NAME" + suffix
                + " (nothing was deleted) and copied again; filesync.log lists each.");
    }

    /** {@code name} with the run's suffix, shortened to stay within the 255-byte limit of names. */
    String asideName(String name) {
        String base = name;
        while ((base + suffix).getBytes(StandardCharsets.UTF_8).length > 255) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
        }
        return base + suffix;
    }
}
