package io.filesync.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The end of a copy run.
 *
 * @param copied          files copied (and their bytes) by this run
 * @param foldersCreated  folders this run created
 * @param failed          every entry that was not copied, with its reason
 * @param left            pending entries this run did not get to (cancelled or stopped)
 * @param creationNotKept copies whose creation time the destination could not hold
 * @param otherTimesNotKept copies whose modification or access time did not read back as set
 * @param sourceAccessPutBack source files whose access time moved when they were read and was set back: as before,
 *                        but their metadata was written (their change time moved)
 * @param end             how the run ended
 * @param stopReason      for {@link End#STOPPED} and {@link End#INTERNAL_ERROR}: one sentence (e.g. the destination is
 *                        full), with what the user can do
 * @param report          the JSON run report, once written
 */
public record RunSummary(Tally copied, long foldersCreated, List<Failure> failed, long left, long creationNotKept,
                         long otherTimesNotKept, long sourceAccessPutBack, End end, String stopReason, Duration elapsed, List<String> warnings,
                         Path report) {

    /**
     * How a run ended. {@code INTERNAL_ERROR}: a programming error (a bug in FileSync, not a file's fault) stopped it;
     * the log has its stack trace, and running again resumes.
     */
    public enum End {
        COMPLETED, CANCELLED, STOPPED, INTERNAL_ERROR;

        /** In reports and {@code --json}: "completed", "cancelled", "stopped", "internal error". */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public record Failure(String path, String reason) {
    }

    public RunSummary withReport(Path reportFile) {
        return new RunSummary(copied, foldersCreated, failed, left, creationNotKept, otherTimesNotKept,
                sourceAccessPutBack, end,
                stopReason, elapsed, warnings, reportFile);
    }
}
