package io.filesync.engine;

/**
 * @param threads       copy workers; each holds one file open, so memory stays bounded whatever the tree size;
 *                      {@link #BY_DESTINATION}: as many as suit the destination volume (the engine chooses)
 * @param verify        read source and copy back and compare SHA-256 digests before publishing
 * @param fsyncEachFile flush every copy to the device on its own before it gets its name, even where one flush of
 *                      the whole volume per batch of copies would do (the default flushes each batch's copies before
 *                      naming them in any case: this only chooses the dearer way, for a volume whose flush of
 *                      everything is not trusted)
 */
public record SyncOptions(int threads, boolean verify, boolean fsyncEachFile) {
    /** {@link #threads()}: the engine chooses by the kind of destination volume ({@code engine.copy.ThreadChoice}). */
    public static final int BY_DESTINATION = 0;

    public SyncOptions {
        if ((threads < 1 && threads != BY_DESTINATION) || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, not " + threads);
        }
    }

    /** What {@link #BY_DESTINATION} chooses, in words, for the help and the manual page. */
    public static final String DEFAULT_THREADS_RULE = "by the destination: 1 onto a spinning disk, 1 per core (at least"
            + " 2, at most 4) onto a local disk or into memory, 4 onto NTFS or exFAT through FUSE";

    /**
     * Two workers per core, from 2 to 8: the engine's own default ({@link #defaults()}) and what the window offered
     * before it, too, left the count to {@link #BY_DESTINATION} (its settings tell a count the user chose from this).
     */
    public static int defaultThreads() {
        return Math.max(2, Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));
    }

    public static SyncOptions defaults() {
        return new SyncOptions(defaultThreads(), false, false);
    }

    /** The same options with {@code n} threads. */
    public SyncOptions withThreads(int n) {
        return new SyncOptions(n, verify, fsyncEachFile);
    }
}
