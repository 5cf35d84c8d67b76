package io.filesync.engine;

import java.time.Instant;
import java.util.List;

/**
 * The result of comparing a source with a destination: every source entry of interest (present files are only
 * counted, so a plan over a million present files stays small), sorted by path.
 *
 * @param missingSinceLastRun paths a checkpoint says were copied before but that the destination no longer has;
 *                            they are pending again (and marked {@link PlanEntry#copiedBefore()})
 * @param leftoverTemporaries temporary files of earlier runs of this pair that a sync will remove
 * @param foldersAwaitingTimes destination folders an interrupted run created or added to, whose times a sync
 *                            still has to set (after their content was written)
 * @param warnings            things the user should know that are not about one file (a checkpoint set aside…)
 */
public record Plan(SyncPair pair, MatchMode mode, Instant created, List<PlanEntry> entries, PlanSummary summary,
                   List<String> missingSinceLastRun, List<String> leftoverTemporaries, List<String> foldersAwaitingTimes,
                   VolumeInfo destinationVolume, List<String> warnings) {

    /** Whether a sync has anything to do: files or folders to copy, leftovers to remove, folder times to set. */
    public boolean hasWork() {
        return summary.pending().files() > 0 || summary.pendingFolders() > 0 || !leftoverTemporaries.isEmpty()
                || !foldersAwaitingTimes.isEmpty();
    }

    public List<PlanEntry> pending() {
        return entries.stream().filter(e -> e.category() == Category.PENDING).toList();
    }
}
