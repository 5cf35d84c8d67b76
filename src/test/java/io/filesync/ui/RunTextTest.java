package io.filesync.ui;

import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.Tally;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's sentences, and where a sync stands, as plain functions: no JavaFX, no files. */
class RunTextTest {
    private static RunSummary summary(RunSummary.End end, Tally copied, List<RunSummary.Failure> failed,
                                      long creationNotKept, String stopReason) {
        return new RunSummary(copied, 0, failed, 0, creationNotKept, 0, 0, end, stopReason, Duration.ofSeconds(3),
                List.of(), null);
    }

    @Test
    void theEndOfARunSaysHowItEndedThenWhatWasCopied() {
        assertEquals("Done: the destination has every file. Copied 3 files (1.50 kB).",
                RunText.ended(summary(RunSummary.End.COMPLETED, new Tally(3, 1500), List.of(), 0, null), 0));
        assertEquals("Done: every file to copy was copied, but 2 files in the destination differ from the source and"
                + " were left as they are (show \"Differs\"; `filesync verify` checks every copy)."
                + " Copied 1 file (10 B); creation time not kept by the destination on 1 file.",
                RunText.ended(summary(RunSummary.End.COMPLETED, new Tally(1, 10), List.of(), 1, null), 2));
        assertEquals("Done, with failures. Copied 0 files (0 B), 1 file failed.", RunText.ended(summary(
                RunSummary.End.COMPLETED, new Tally(0, 0), List.of(new RunSummary.Failure("a", "gone")), 0, null), 0));
        assertEquals("Cancelled; no partial file was left. Compare and Sync again to resume. Copied 0 files (0 B).",
                RunText.ended(summary(RunSummary.End.CANCELLED, new Tally(0, 0), List.of(), 0, null), 0));
        assertEquals("The destination is full. Copied 1 file (5 B).", RunText.ended(
                summary(RunSummary.End.STOPPED, new Tally(1, 5), List.of(), 0, "The destination is full."), 0));
    }

    @Test
    void anEarlierRunIsOfferedForResumeOnlyWhenItLeftWorkUndone() {
        assertEquals("The last sync of these folders was cancelled after copying 12 files (1 file failed). Resume"
                + " copies the rest.",
                RunText.resumeOffer(new SyncEngine.EarlierRun("cancelled", 12, 1, 0, List.of())));
        assertEquals("The last sync of these folders was interrupted after copying 1 file. Resume copies the rest.",
                RunText.resumeOffer(new SyncEngine.EarlierRun("running", 1, 0, 0, List.of())));
        assertEquals("The last sync of these folders left work undone after copying 4 files. Resume copies the rest.",
                RunText.resumeOffer(new SyncEngine.EarlierRun("completed", 4, 0, 2, List.of())));
        assertEquals("", RunText.resumeOffer(new SyncEngine.EarlierRun("completed", 4, 0, 0, List.of())));
    }

    @Test
    void theConfirmationSaysTheFreeSpaceAndWhatIsMissingWhenItIsNotEnough() {
        RunText.Confirmation enough = RunText.confirmation(2, 2_000, Path.of("/backup"), 5_000_000);
        assertTrue(enough.enoughSpace());
        assertEquals("Copy 2 files (2.00 kB) into /backup?\n\nFree space there: 5.00 MB. Nothing in the destination is"
                + " overwritten or deleted.", enough.text());
        RunText.Confirmation tooLittle = RunText.confirmation(1, 3_000_000, Path.of("/small"), 1_000_000);
        assertFalse(tooLittle.enoughSpace());
        assertTrue(tooLittle.text().endsWith("That is not enough: free 2.00 MB more, or choose another destination."),
                tooLittle.text());
        assertTrue(RunText.confirmation(1, 3_000_000, Path.of("/net"), -1).enoughSpace(), "unknown is not refused");
    }

    @Test
    void countsAreGroupedAndAFailureWithoutAReasonNamesWhatFailed() {
        assertEquals("Scanning: 12,345 entries in the source, 0 in the destination", RunText.scanning(12_345, 0));
        assertEquals("Listing the plan: 2,000 of 100,000 rows", RunText.listing(2_000, 100_000));
        assertEquals("Comparing failed: disk gone", RunText.failure("Comparing failed", new IOException("disk gone")));
        assertEquals("The sync stopped: java.lang.IllegalStateException",
                RunText.failure("The sync stopped", new IllegalStateException()));
    }

    @Test
    void theEtaIsTheLaterOfTheByteAndTheFileEstimate() {
        // 100 of 1,000 files and 1 of 2 MB in 10 s: by bytes 10 s more, by files 90 s more; the later one counts.
        Eta eta = new Eta(1_000, 2_000_000, 100, 1_000_000, Duration.ofSeconds(10));
        assertEquals(0.5, eta.fraction());
        assertEquals("900 files left · 1.00 MB left · 100 kB/s · elapsed 0:10 · ETA 1:30", eta.text());
        assertEquals("3 files left · 0 B left · 0 B/s · elapsed 0:00 · ETA –",
                new Eta(3, 0, 0, 0, Duration.ZERO).text(), "nothing copied yet: no estimate");
        assertEquals(1.0 / 3, new Eta(3, 0, 1, 0, Duration.ofSeconds(1)).fraction(), "empty files count by files");
        assertEquals(1.0, new Eta(0, 0, 0, 0, Duration.ZERO).fraction(), "a run of folders only");
    }

    @Test
    void countsAreWrittenTheWayTheLocaleWritesNumbers() {
        assertEquals("1,650 files", Counts.files(1650, Locale.US));
        assertEquals("1.650 files", Counts.files(1650, Locale.GERMANY));
        assertEquals("1 file", Counts.files(1, Locale.US));
        assertEquals("2.01 kB", Counts.bytes(2010, Locale.US));
        assertEquals("2,01 kB", Counts.bytes(2010, Locale.GERMANY));
        assertEquals("999 B", Counts.bytes(999, Locale.GERMANY));
        assertEquals("14.4 MB", Counts.bytes(14_400_000, Locale.US));
    }

    @Test
    void theTitleSaysHowFarASyncIsAndHowManyFilesAreLeft() {
        Eta eta = new Eta(3000, 1_000_000, 1350, 450_000, Duration.ofSeconds(9));
        assertEquals("FileSync — 45 % — 1,650 left", eta.title(Locale.US));
        assertEquals("FileSync — 45 % — 1.650 left", eta.title(Locale.GERMANY));
        assertEquals("FileSync — 99 % — 1 left", new Eta(2, 1000, 1, 1000, Duration.ZERO).title(Locale.US),
                "never 100 % while a file is left");
    }
}
