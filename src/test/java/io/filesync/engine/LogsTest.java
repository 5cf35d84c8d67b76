package io.filesync.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run leaves behind for the user to read: the three logs and the run report, and nothing else anywhere. */
class LogsTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private RunSummary sync(Path src, Path dst, SyncOptions options, SyncListener listener) throws Exception {
        SyncEngine e = new SyncEngine(new FilesyncHome(home()));
        Plan p = e.plan(SyncPair.of(src, dst), MatchMode.PATH, SyncListener.NONE, new RunControl());
        return e.sync(p, p.pending(), options, listener, new RunControl());
    }

    @Test
    void theMainLogTheInventoryAndTheReportTellWhatHappened() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("2019/beach/a.jpg", 1200, "2019-07-01T10:00:00.5Z")
                .file("2019/beach/b.jpg", 1300, "2019-07-01T10:01:00.25Z")
                .file("2020/snow/c.jpg", 1400, "2020-01-05T08:00:00Z")
                .file("notes/line\nbreak.txt", "odd name", "2021-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst"))
                .file("2019/beach/a.jpg", Files.readAllBytes(src.path("2019/beach/a.jpg")),
                        Tree.times(src.path("2019/beach/a.jpg")).modified(),
                        Tree.times(src.path("2019/beach/a.jpg")).accessed())
                .file("only-in-backup.txt", "kept", "2018-01-01T00:00:00Z");

        RunSummary done = sync(src.root(), dst.root(), SyncOptions.defaults(), SyncListener.NONE);
        assertEquals(RunSummary.End.COMPLETED, done.end());
        assertEquals(3, done.copied().files());

        String pair = src.root() + " -> " + dst.root();
        String log = Files.readString(home().resolve("filesync.log"));
        assertTrue(log.lines().anyMatch(l -> l.startsWith("==== 20") && l.endsWith(pair)),
                "the main log heads the run with its time and the pair:\n" + log);
        for (String copied : List.of("2019/beach/b.jpg", "2020/snow/c.jpg", "notes/line\\nbreak.txt")) {
            assertTrue(log.contains("copied " + copied + " ("), "the main log names " + copied + ":\n" + log);
        }
        assertFalse(log.contains("copied 2019/beach/a.jpg"), "a file already backed up is not logged as copied");
        assertTrue(log.contains("line\\nbreak.txt") && !log.contains("line\nbreak"), "a newline in a name is escaped");

        String inventory = Files.readString(home().resolve("destination-inventory.log"));
        assertTrue(inventory.lines().findFirst().orElseThrow().endsWith(pair), inventory);
        assertTrue(inventory.contains("2019/beach/a.jpg") && inventory.contains("only-in-backup.txt"),
                "the inventory lists what the destination held:\n" + inventory);

        try (Stream<Path> reports = Files.list(home().resolve("reports"))) {
            List<Path> all = reports.toList();
            assertEquals(1, all.size(), all.toString());
            JsonObject report = JsonParser.parseString(Files.readString(all.getFirst())).getAsJsonObject();
            String text = report.toString();
            assertTrue(text.contains("2020/snow/c.jpg"), text);
            JsonArray files = report.getAsJsonArray("files");
            StringBuilder seen = new StringBuilder();
            for (var f : files) {
                JsonObject r = f.getAsJsonObject();
                seen.append(r.get("path").getAsString()).append(' ').append(r.get("outcome").getAsString()).append('\n');
                if (r.get("path").getAsString().equals("2020/snow/c.jpg")) {
                    assertEquals("copied", r.get("outcome").getAsString());
                    assertEquals(1400, r.get("bytes").getAsLong());
                    assertTrue(r.get("modified").getAsString().startsWith("kept"), text);
                    // PortableFileOps on Linux reads no birth time: there the source has none.
                    assertTrue(r.get("created").getAsString().startsWith(
                            Boolean.getBoolean("filesync.portableFileOps") ? "the source has none" : "not kept"), text);
                }
            }
            assertTrue(seen.toString().contains("2019/beach/b.jpg copied"), seen.toString());
            assertFalse(seen.toString().contains("2019/beach/a.jpg"), seen.toString());
            assertEquals(3, report.getAsJsonObject("summary").get("copiedFiles").getAsInt());
        }
        // Nothing was written into either tree beyond the three copies.
        Map<String, ?> after = Tree.files(dst.root());
        assertEquals(5, after.size(), after.keySet().toString());
        assertEquals(4, Tree.files(src.root()).size());
    }

    @Test
    void filesAreCopiedByAsManyWorkersAsAsked() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"));
        for (int i = 0; i < 8; i++) {
            src.file("f" + i + ".bin", 4096, "2015-05-05T05:05:05.000000005Z");
        }
        // Each worker waits inside its first copy until three copies are in flight at once: with fewer workers
        // than that the wait times out and the test fails.
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        AtomicInteger sawThree = new AtomicInteger();
        SyncListener listener = new SyncListener() {
            @Override
            public void bytesCopied(PlanEntry entry, long bytes) {
                threeAtOnce.countDown();
                try {
                    if (threeAtOnce.await(10, TimeUnit.SECONDS)) {
                        sawThree.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        RunSummary done = sync(src.root(), dst, new SyncOptions(3, false, false), listener);
        assertEquals(8, done.copied().files());
        assertEquals(8, sawThree.get(), "three copies were in flight at the same time");
        assertEquals(Tree.files(src.root()), Tree.files(dst));
    }
}
