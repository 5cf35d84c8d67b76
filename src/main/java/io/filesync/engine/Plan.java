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
 * @param warnings            things the user should know that are not about one file (a checkpoint set aside…)
 */
public record Plan(SyncPair pair, MatchMode mode, Instant created, List<PlanEntry> entries, PlanSummary summary,
                   List<String> missingSinceLastRun, List<String> leftoverTemporaries, VolumeInfo destinationVolume,
                   List<String> warnings) {

    public List<PlanEntry> pending() {
        return entries.stream().filter(e -> e.category() == Category.PENDING).toList();
    }
}
