package io.filesync.ui;

import io.filesync.engine.CopyOutcome;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's event storm reaches the UI thread as a bounded number of batches, and nothing is lost. */
class EventCoalescerTest {
    private static PlanEntry entry(int i) {
        return PlanEntry.pendingFile("f/" + i, 100, Instant.EPOCH);
    }

    @Test
    void fiftyThousandFilesFromFourThreadsArriveInABoundedNumberOfBatchesWithNothingLost() throws Exception {
        int files = 50_000;
        ExecutorService uiThread = Executors.newSingleThreadExecutor(); // stands in for the FX thread
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Map<String, CopyOutcome> finished = new HashMap<>(); // touched on the "UI thread" only
        AtomicLong lastBytes = new AtomicLong();
        AtomicLong lastFiles = new AtomicLong();
        EventCoalescer c = new EventCoalescer(new FxTaskExecutor(uiThread, timer), 50, b -> {
            finished.putAll(b.finished());
            lastBytes.set(b.bytesDone());
            lastFiles.set(b.filesDone());
        });
        CopyOutcome copied = new CopyOutcome.Copied(100, new TimesKept(TimeKept.EXACT, TimeKept.EXACT,
                TimeKept.NOT_SUPPORTED));
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int from = t;
            Thread.ofPlatform().start(() -> {
                for (int i = from; i < files; i += 4) {
                    PlanEntry e = entry(i);
                    c.fileStarted(e);
                    c.bytesCopied(e, 60);
                    c.bytesCopied(e, 40);
                    c.fileFinished(e, copied);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        c.flushNow();
        uiThread.shutdown();
        assertTrue(uiThread.awaitTermination(10, TimeUnit.SECONDS));
        timer.shutdownNow();

        assertEquals(files, finished.size(), "every file's outcome arrived");
        assertEquals(100L * files, lastBytes.get());
        assertEquals(files, lastFiles.get());
        long bound = elapsedMillis / 50 + 3;
        assertTrue(c.batches() <= bound, c.batches() + " batches in " + elapsedMillis + " ms for " + 4 * files
                + " events; at most " + bound + " expected");
        System.out.println("EventCoalescer: " + 4 * files + " events in " + elapsedMillis + " ms -> " + c.batches()
                + " batches");
    }
}
