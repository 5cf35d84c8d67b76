package io.filesync.engine;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A programming error during a copy (here a listener's bug, the code a caller plugs into the run) is not a failed
 * file: the run stops at once as an internal error, the log keeps the stack trace, nothing is half-written, and the
 * next run resumes and finishes.
 */
class InternalErrorTest {
    @TempDir
    Path tmp;

    @Test
    void aBugStopsTheRunAsAnInternalErrorWithItsStackTraceAndTheNextRunResumes() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 20; i++) {
            src.file(String.format("f%02d.bin", i), 64 << 10, "2012-03-04T05:06:07Z");
        }
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        EngineRuns runs = new EngineRuns(tmp);
        AtomicInteger started = new AtomicInteger();
        RunSummary s = runs.sync(src.root(), dst, new SyncOptions(1, false, false), new SyncListener() {
            @Override
            public void bytesCopied(PlanEntry entry, long bytes) {
                if (started.get() == 5) {
                    throw new IllegalStateException("a bug in a listener");
                }
            }

            @Override
            public void fileStarted(PlanEntry entry) {
                started.incrementAndGet();
            }
        });

        assertEquals(RunSummary.End.INTERNAL_ERROR, s.end());
        assertEquals(List.of(), s.failed(), "no file is blamed for the bug");
        assertTrue(s.stopReason().contains("internal error") && s.stopReason().contains("f04.bin")
                && s.stopReason().contains("IllegalStateException: a bug in a listener"), s.stopReason());
        assertEquals(4, s.copied().files(), "the files before it were copied");
        assertEquals(16, s.left(), "the one it hit and the ones after it are left for the next run");
        try (Stream<Path> names = Files.list(dst)) {
            assertEquals(4, names.count(), "no temporary file left: " + Tree.files(dst));
        }
        String log = Files.readString(tmp.resolve("home/filesync.log"));
        assertTrue(log.contains("ERROR internal error while copying f04.bin"), log);
        assertTrue(log.contains("java.lang.IllegalStateException: a bug in a listener")
                && log.contains("at io.filesync"), "the stack trace is in the log:\n" + log);

        RunSummary again = runs.sync(src.root(), dst, new SyncOptions(1, false, false), SyncListener.NONE);
        assertEquals(RunSummary.End.COMPLETED, again.end());
        assertEquals(16, again.copied().files());
        assertEquals(List.of(), again.warnings(), "the checkpoint of the stopped run was read, not set aside");
        for (int i = 0; i < 20; i++) {
            String name = String.format("f%02d.bin", i);
            assertArrayEquals(Files.readAllBytes(src.path(name)), Files.readAllBytes(dst.resolve(name)), name);
        }
    }
}
