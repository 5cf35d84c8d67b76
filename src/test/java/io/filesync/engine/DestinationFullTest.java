package io.filesync.engine;

import io.filesync.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A destination that fills up, on a real 2 MB tmpfs (needs root to mount; skipped with the reason otherwise). */
@Tag("fault")
class DestinationFullTest {
    @TempDir
    Path tmp;
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullDestinationStopsTheRunOnceWithNoPartialFileAndTheNextRunFinishes() throws Exception {
        Path small = Files.createDirectories(tmp.resolve("small"));
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())
                .inheritIO().start().waitFor();
        if (mounted != 0) {
            System.out.println("Skipping: mounting a small tmpfs needs root.");
        }
        assumeTrue(mounted == 0, "mounting a tmpfs needs root");
        mount = small;
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 12; i++) {
            src.file("f" + (10 + i) + ".bin", 400_000, "2010-01-01T00:00:00Z");
        }
        SyncEngine engine = new SyncEngine(new FilesyncHome(tmp.resolve("home")));
        Plan plan = engine.plan(SyncPair.of(src.root(), small), MatchMode.PATH, SyncListener.NONE, new RunControl());

        RunSummary full = engine.sync(plan, plan.pending(), new SyncOptions(2, false, false), SyncListener.NONE,
                new RunControl());

        assertEquals(RunSummary.End.STOPPED, full.end());
        assertTrue(full.failed().isEmpty(), "one stop, not one failure per remaining file: " + full.failed());
        long copied = full.copied().files();
        assertTrue(copied >= 3 && copied < 12, "copied " + copied);
        // One sentence naming the file in flight, the counts, and what to do.
        assertTrue(full.stopReason().matches("The destination is full: f[0-9]+\\.bin was being copied when it ran out"
                + " of space; " + Units.files(copied) + " copied, " + full.left() + " left\\. Free some space on it and"
                + " run the same command again to resume\\."), full.stopReason());
        assertEquals(12 - copied, full.left());
        try (Stream<Path> s = Files.list(small)) {
            for (Path p : s.toList()) {
                assertTrue(!p.getFileName().toString().startsWith(".filesync-"), "temporary left: " + p);
                assertArrayEquals(Tree.OPS.digest(src.path(p.getFileName().toString())), Tree.OPS.digest(p),
                        p + " is partial");
            }
        }

        // A bigger disk: the next run copies the rest.
        Tree.run("mount", "-o", "remount,size=16m", small.toString());
        Plan again = engine.plan(SyncPair.of(src.root(), small), MatchMode.PATH, SyncListener.NONE, new RunControl());
        assertEquals(12 - copied, again.summary().pending().files());
        RunSummary done = engine.sync(again, again.pending(), SyncOptions.defaults(), SyncListener.NONE,
                new RunControl());
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertEquals(Tree.files(src.root()), Tree.files(small));
    }
}
