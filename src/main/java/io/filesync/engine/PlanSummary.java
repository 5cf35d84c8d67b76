package io.filesync.engine;

/**
 * Counts of every category. Files only; {@code pendingFolders} counts the folders the run will create.
 *
 * @param destinationFiles regular files found anywhere in the destination
 */
public record PlanSummary(Tally pending, Tally present, Tally differs, Tally skipped, Tally conflicts,
                          long pendingFolders, long destinationFiles) {

    public Tally of(Category category) {
        return switch (category) {
            case PENDING -> pending;
            case PRESENT -> present;
            case DIFFERS -> differs;
            case SKIPPED -> skipped;
            case CONFLICT -> conflicts;
        };
    }
}
