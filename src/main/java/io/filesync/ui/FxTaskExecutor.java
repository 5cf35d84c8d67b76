package io.filesync.ui;

import io.filesync.engine.ThisThread;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The window's {@link TaskExecutor}: a thread of its own per piece of work, results through the UI thread's queue. */
public final class FxTaskExecutor implements TaskExecutor {
    private final Executor ui;
    private final ScheduledExecutorService timer;

    /**
     * @param ui    runs a task on the UI thread ({@code Platform::runLater})
     * @param timer delays what waits for a frame to be drawn first ({@link FileSyncApp#pacer})
     */
    public FxTaskExecutor(Executor ui, ScheduledExecutorService timer) {
        this.ui = ui;
        this.timer = timer;
    }

    @Override
    public <T> Future<T> background(String name, Callable<T> work, Consumer<? super T> done,
                                    Consumer<Throwable> failed) {
        FutureTask<T> task = new FutureTask<>(work);
        // The work and every thread it starts (the copying pool) run at a lower priority than the UI thread: on 2
        // busy cores the UI thread then gets the processor as soon as it has a frame to draw. A thread each: a check
        // stuck on a hung mount holds only its own.
        Thread t = new Thread(() -> {
            ThisThread.lowerPriority();
            task.run();
            ui.execute(() -> handOver(task, done, failed));
        }, "filesync-" + name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static <T> void handOver(FutureTask<T> task, Consumer<? super T> done, Consumer<Throwable> failed) {
        T value;
        try {
            value = task.get();
        } catch (ExecutionException e) {
            failed.accept(e.getCause());
            return;
        } catch (CancellationException | InterruptedException e) {
            failed.accept(e);
            return;
        }
        done.accept(value);
    }

    @Override
    public void ui(Runnable r) {
        ui.execute(r);
    }

    @Override
    public void later(long delay, TimeUnit unit, Runnable r) {
        try {
            timer.schedule(() -> ui.execute(r), delay, unit);
        } catch (RejectedExecutionException closing) {
            ui.execute(r); // the window is closing: no pacing needed
        }
    }
}
