package io.filesync.engine;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Cancel, pause and resume a plan or a copy from another thread (the window's buttons, Ctrl-C). */
public final class RunControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private volatile boolean cancelled;
    private volatile boolean paused;

    /** A control that is neither cancelled nor paused. */
    public RunControl() {
    }

    public void cancel() {
        cancelled = true;
        resume();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Called by workers between steps: waits while paused, throws {@link CancelledException} once cancelled. */
    public void throwIfCancelled() {
        awaitIfPaused();
        if (cancelled) {
            throw new CancelledException();
        }
    }

    /** Waits while paused (returns at once when cancelled). */
    public void awaitIfPaused() {
        if (paused) {
            lock.lock();
            try {
                while (paused && !cancelled) {
                    resumed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
