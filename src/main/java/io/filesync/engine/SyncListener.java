package io.filesync.engine;

/**
 * What the engine tells its views (the CLI's progress line, the window's table). Calls come from worker
 * threads, thousands per second on small files: implementations must be quick and thread-safe, and a window
 * should coalesce them before touching its UI thread.
 */
public interface SyncListener {
    SyncListener NONE = new SyncListener() {
    };

    /** Entries seen so far on each side; called a few times per second while scanning. */
    default void scanProgress(long sourceEntries, long destinationEntries) {
    }

    default void planReady(Plan plan) {
    }

    default void fileStarted(PlanEntry entry) {
    }

    /** {@code bytes} more of {@code entry} were copied (chunks of up to 32 MiB). */
    default void bytesCopied(PlanEntry entry, long bytes) {
    }

    default void fileFinished(PlanEntry entry, CopyOutcome outcome) {
    }

    /** A message about the run as a whole (a checkpoint set aside, a folder time not restored…). */
    default void warning(String message) {
    }

    default void runFinished(RunSummary summary) {
    }
}
