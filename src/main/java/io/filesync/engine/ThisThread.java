package io.filesync.engine;

import io.filesync.platform.BackgroundPriority;
import io.filesync.platform.ThreadClock;

/**
 * What a view may ask of the operating system about its own threads, through the engine (the only exported package;
 * views never reach into {@code platform}): the window lowers the priority of its compare and sync threads, and its
 * frame-rate probe reads the UI thread's processor time.
 */
public final class ThisThread {
    private ThisThread() {
    }

    /**
     * Lowers the calling thread's priority, and that of the threads it starts from then on, below the UI thread's;
     * returns whether the system took it (a courtesy: never fails).
     */
    public static boolean lowerPriority() {
        return BackgroundPriority.lowerThisThread();
    }

    /** The calling thread's processor time in nanoseconds, or -1 where the system does not say. */
    public static long processorNanos() {
        return ThreadClock.processorNanos();
    }
}
