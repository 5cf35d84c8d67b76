package io.filesync.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The view-model tests' {@link TaskExecutor}: the thread that made it stands in for the UI thread. Background work runs
 * on it at once, and what is meant for the UI thread (results, paced turns, with no delay) runs on it in order before
 * the call that queued it returns; what other threads queue (the engine's copying threads, through the
 * {@link EventCoalescer}) waits for the next such call. So a test sees the model as the window would once everything
 * has settled: no FX thread, no polling, no timing. {@link #holdBackground} keeps background work for the test to
 * finish in the order it chooses, {@link #holdTurns} the paced turns for the test to run when it chooses.
 */
final class SynchronousTaskExecutor implements TaskExecutor {
    private final Thread owner = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final List<Runnable> held = new ArrayList<>();
    private final List<Runnable> turns = new ArrayList<>();
    private boolean hold;
    private boolean holdTurns;
    private boolean draining;
    private int uiTasks;
    private Runnable beforeWork = () -> { };

    @Override
    public <T> Future<T> background(String name, Callable<T> work, Consumer<? super T> done,
                                    Consumer<Throwable> failed) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            Runnable before = beforeWork;
            beforeWork = () -> { };
            before.run();
            try {
                T value = work.call();
                result.complete(value);
                queue.add(() -> done.accept(value));
            } catch (Throwable t) {
                result.completeExceptionally(t);
                queue.add(() -> failed.accept(t));
            }
            drain();
        };
        if (hold) {
            held.add(run);
        } else {
            run.run();
        }
        return result;
    }

    @Override
    public void ui(Runnable r) {
        queue.add(r);
        drain();
    }

    @Override
    public void later(long delay, TimeUnit unit, Runnable r) {
        if (holdTurns && Thread.currentThread() == owner) {
            turns.add(r);
        } else {
            ui(r);
        }
    }

    /** From now on what this thread puts off for a frame to be drawn first waits until {@link #nextTurns} runs it. */
    void holdTurns() {
        holdTurns = true;
    }

    /** Runs what was put off, and what that puts off, until nothing is; returns how many turns that took. */
    int nextTurns() {
        int n = 0;
        while (!turns.isEmpty()) {
            turns.removeFirst().run();
            drain();
            n++;
        }
        return n;
    }

    /** How many tasks ran as the UI thread's so far (results, batches of engine events, turns). */
    int uiTasks() {
        return uiTasks;
    }

    /** From now on background work waits until {@link #finishHeld} runs it. */
    void holdBackground() {
        hold = true;
    }

    /** How much background work waits. */
    int held() {
        return held.size();
    }

    /** Runs the held background work number {@code i} (in the order it was started) and hands its result over. */
    void finishHeld(int i) {
        held.set(i, () -> { }).run();
    }

    /** Runs {@code r} on this thread just before the next background work starts (to cancel a sync, say). */
    void beforeNextWork(Runnable r) {
        beforeWork = r;
    }

    private void drain() {
        if (draining || Thread.currentThread() != owner) {
            return;
        }
        draining = true;
        try {
            for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
                uiTasks++;
                r.run();
            }
        } finally {
            draining = false;
        }
    }
}
