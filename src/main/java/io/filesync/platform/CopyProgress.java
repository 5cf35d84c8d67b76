package io.filesync.platform;

import java.io.InterruptedIOException;

/** Told after every chunk of a copy; throwing stops the copy (cancel). Chunks are at most {@link #CHUNK} bytes. */
@FunctionalInterface
public interface CopyProgress {
    /** Chunk size: large enough for in-kernel copies to run at full speed, small enough to cancel within 0.1 s. */
    long CHUNK = 32L << 20;

    void copied(long bytes) throws InterruptedIOException;
}
