package io.filesync.ui;

import io.filesync.engine.Plan;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SourceAccess;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.Units;

import java.nio.file.Path;
import java.util.Locale;

/** The window's sentences about a compare and a sync, as pure functions of what the engine reported. */
final class RunText {
    private RunText() {
    }

    static String scanning(long sourceSeen, long destinationSeen) {
        return "Scanning: " + String.format(Locale.ROOT, "%,d", sourceSeen) + " entries in the source, "
                + String.format(Locale.ROOT, "%,d", destinationSeen) + " in the destination";
    }

    static String listing(int shown, int all) {
        return "Listing the plan: " + String.format(Locale.ROOT, "%,d of %,d rows", shown, all);
    }

    /** The plan in one sentence: what the counters above the table say, for a screen reader. */
    static String plan(Plan p) {
        var s = p.summary();
        return Units.files(s.pending().files()) + " (" + Units.bytes(s.pending().bytes()) + ") to copy"
                + (s.pendingFolders() > 0 ? " and " + s.pendingFolders() + " folder(s) to create" : "") + " · "
                + Units.files(s.present().files()) + " already present · " + Units.files(s.differs().files())
                + " differ (kept) · " + Units.files(s.skipped().files()) + " skipped"
                + (s.conflicts().files() > 0 ? " · " + Units.files(s.conflicts().files()) + " conflicts" : "")
                + ".";
    }

    /**
     * What holds for every file of the destination, said once (in the window's banner) rather than on each row: which
     * times its volume keeps, and which names it cannot hold.
     */
    static String volumeFacts(Plan p) {
        String names = p.destinationVolume().names().sentence();
        return p.destinationVolume().sentence() + (names == null ? "" : " " + names);
    }

    /** What the message line says about a plan once it is shown; empty when it has nothing to say. */
    static String planMessage(Plan p) {
        if (!p.missingSinceLastRun().isEmpty()) {
            return Units.files(p.missingSinceLastRun().size()) + " that an earlier run copied are no longer in the"
                    + " destination; they are pending again (untick \"Copy them again\" to leave them out).";
        }
        return String.join(" ", p.warnings());
    }

    /** The resume banner's sentence for what an earlier run of the folders left; empty when it left nothing undone. */
    static String resumeOffer(SyncEngine.EarlierRun e) {
        if (!e.unfinished()) {
            return "";
        }
        return switch (e.lastRun() == null ? "" : e.lastRun()) {
            case "running" -> "The last sync of these folders was interrupted";
            case "cancelled" -> "The last sync of these folders was cancelled";
            case "stopped" -> "The last sync of these folders stopped: the destination was full";
            default -> "The last sync of these folders left work undone";
        } + " after copying " + Units.files(e.filesCopied()) + (e.filesFailed() > 0 ? " ("
                + Units.files(e.filesFailed()) + " failed)" : "") + ". Resume copies the rest.";
    }

    /** The numbers the Sync confirmation shows, and whether the destination has room. */
    record Confirmation(String text, boolean enoughSpace) {
    }

    /** @param free the destination's usable space in bytes, or -1 where it is unknown */
    static Confirmation confirmation(long files, long bytes, Path destination, long free) {
        boolean enough = free < 0 || free >= bytes;
        String text = "Copy " + Units.files(files) + " (" + Units.bytes(bytes) + ") into " + destination
                + "?\n\nFree space there: " + (free < 0 ? "unknown" : Units.bytes(free)) + ". "
                + (enough ? "Nothing in the destination is overwritten or deleted."
                : "That is not enough: free " + Units.bytes(bytes - free) + " more, or choose another destination.");
        return new Confirmation(text, enough);
    }

    /**
     * The summary line at the end of a sync.
     *
     * @param differ how many files of the plan differ from their source in the destination (left as they are)
     */
    static String ended(RunSummary s, long differ) {
        return switch (s.end()) {
            case COMPLETED -> !s.failed().isEmpty() ? "Done, with failures. "
                    : differ == 0 ? "Done: the destination has every file. "
                    : "Done: every file to copy was copied, but " + Units.files(differ) + " in the destination "
                    + (differ == 1 ? "differs" : "differ") + " from the source and " + (differ == 1 ? "was" : "were")
                    + " left as " + (differ == 1 ? "it is" : "they are")
                    + " (show \"Differs\"; `filesync verify` checks every copy). ";
            case CANCELLED -> "Cancelled; no partial file was left. Compare and Sync again to resume. ";
            case STOPPED, INTERNAL_ERROR -> s.stopReason() + " ";
        } + "Copied " + Units.files(s.copied().files()) + " (" + Units.bytes(s.copied().bytes()) + ")"
                + (s.failed().isEmpty() ? "" : ", " + Units.files(s.failed().size()) + " failed")
                + (s.creationNotKept() > 0 ? "; creation time not kept by the destination on "
                + Units.files(s.creationNotKept()) : "")
                + (s.otherTimesNotKept() > 0 ? "; other times not kept on " + Units.files(s.otherTimesNotKept()) : "")
                + (s.sourceAccessPutBack() > 0 ? "; " + SourceAccess.sentence(s.sourceAccessPutBack()) : "")
                + ".";
    }

    /** "{@code what}: " and the reason {@code t} gives (its class where it gives none). */
    static String failure(String what, Throwable t) {
        String m = t == null ? null : t.getMessage();
        return what + ": " + (m == null || m.isBlank() ? String.valueOf(t) : m);
    }
}
