package io.filesync.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundPriorityTest {
    /** The nice value of the calling thread, as the kernel reports it (field 19 of /proc/thread-self/stat). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]); // fields from the 3rd on: the 19th is at index 16
    }

    @Test
    void theCallingThreadAndOnlyItBecomesNicer() throws Exception {
        int before = niceOfThisThread();
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                boolean taken = BackgroundPriority.lowerThisThread();
                int[] child = new int[1];
                Thread started = new Thread(() -> {
                    try {
                        child[0] = niceOfThisThread();
                    } catch (Exception e) {
                        child[0] = Integer.MIN_VALUE;
                    }
                });
                started.start();
                started.join();
                seen.set(new int[]{taken ? 1 : 0, niceOfThisThread(), child[0]});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        assertTrue(seen.get()[0] == 1, "the system took it");
        assertEquals(before + BackgroundPriority.NICE, seen.get()[1], "the thread that asked");
        assertEquals(before + BackgroundPriority.NICE, seen.get()[2], "a thread it started afterwards");
        assertEquals(before, niceOfThisThread(), "the other threads keep theirs");
    }
}
