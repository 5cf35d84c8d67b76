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
 * @param stopReason      for {@link End#STOPPED}: one sentence (e.g. the destination is full)
 * @param report          the JSON run report, once written
 */
public record RunSummary(Tally copied, long foldersCreated, List<Failure> failed, long left, long creationNotKept,
                         long otherTimesNotKept, long sourceAccessPutBack, End end, String stopReason, Duration elapsed, List<String> warnings,
                         Path report) {

    public enum End { COMPLETED, CANCELLED, STOPPED }

    public record Failure(String path, String reason) {
    }

    public RunSummary withReport(Path reportFile) {
        return new RunSummary(copied, foldersCreated, failed, left, creationNotKept, otherTimesNotKept,
                sourceAccessPutBack, end,
                stopReason, elapsed, warnings, reportFile);
    }
}
