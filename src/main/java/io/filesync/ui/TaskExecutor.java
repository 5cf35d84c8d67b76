package io.filesync.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where the window's work runs. Whatever touches the file system (checking the folders, reading the checkpoint, a
 * compare, a sync, the destination's free space) runs off the UI thread and hands what it found to the UI thread, so a
 * hung network mount never freezes the window. The window uses {@link FxTaskExecutor}; view-model tests use a
 * synchronous one, so that they need no FX thread, no polling and no timing.
 */
public interface TaskExecutor {
    /**
     * Runs {@code work} off the UI thread, below the UI thread's priority, then hands its result to {@code done} or
     * what it threw to {@code failed}, on the UI thread. Returns the running work (to wait for when the window closes).
     */
    <T> Future<T> background(String name, Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed);

    /** Runs {@code r} on the UI thread, after what is queued there already. */
    void ui(Runnable r);

    /** Runs {@code r} on the UI thread after {@code delay}, so frames can be drawn in between. */
    void later(long delay, TimeUnit unit, Runnable r);
}
