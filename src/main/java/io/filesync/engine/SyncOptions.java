package io.filesync.engine;

/**
 * @param threads       copy workers; each holds one file open, so memory stays bounded whatever the tree size
 * @param verify        read source and copy back and compare SHA-256 digests before publishing
 * @param fsyncEachFile flush every copy to the device on its own before it gets its name, even where one flush of
 *                      the whole volume per batch of copies would do (the default flushes each batch's copies before
 *                      naming them in any case: this only chooses the dearer way, for a volume whose flush of
 *                      everything is not trusted)
 */
public record SyncOptions(int threads, boolean verify, boolean fsyncEachFile) {
    public SyncOptions {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, not " + threads);
        }
    }

    /** {@link #defaultThreads()} in words, for documents read on other machines (the manual page). */
    public static final String DEFAULT_THREADS_RULE = "2 per core, from 2 to 8";

    /** Two workers per core, at least 2: copies of small files wait on metadata writes, not on the CPU. */
    public static int defaultThreads() {
        return Math.max(2, Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));
    }

    public static SyncOptions defaults() {
        return new SyncOptions(defaultThreads(), false, false);
    }
}
