package io.filesync.engine;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {
    @TempDir
    Path tmp;

    private Plan plan(Path src, Path dst, MatchMode mode) throws Exception {
        return new SyncEngine(new FilesyncHome(tmp.resolve("home"))).plan(SyncPair.of(src, dst), mode,
                SyncListener.NONE, new RunControl());
    }

    private static Map<String, Category> categories(Plan plan) {
        return plan.entries().stream().collect(Collectors.toMap(PlanEntry::path, PlanEntry::category));
    }

    @Test
    void eachSourceEntryLandsInOneCategory() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("same.jpg", 100, "2001-01-01T00:00:00.123456789Z")
                .file("missing.jpg", 200, "2002-01-01T00:00:00Z")
                .file("bigger.jpg", 300, "2003-01-01T00:00:00Z")
                .file("older.jpg", 300, "2003-01-01T00:00:00Z")
                .folder("empty")
                .symlink("link", "/etc")
                .fifo("pipe");
        Tree dst = Tree.at(tmp.resolve("dst"))
                .file("same.jpg", 100, "2001-01-01T00:00:00.123456789Z")
                .file("bigger.jpg", 301, "2003-01-01T00:00:00Z")
                .file("older.jpg", 300, "2003-01-01T00:00:01Z");

        Plan plan = plan(src.root(), dst.root(), MatchMode.PATH);

        assertEquals(Map.of("missing.jpg", Category.PENDING, "bigger.jpg", Category.DIFFERS,
                "older.jpg", Category.DIFFERS, "empty", Category.PENDING, "link", Category.SKIPPED,
                "pipe", Category.SKIPPED), categories(plan));
        assertEquals(new Tally(1, 100), plan.summary().present());
        assertEquals(new Tally(1, 200), plan.summary().pending());
        assertEquals(1, plan.summary().pendingFolders());
        assertEquals(2, plan.summary().differs().files());
        assertEquals(3, plan.summary().destinationFiles());
        assertTrue(plan.entries().stream().filter(e -> e.path().equals("pipe")).findFirst().orElseThrow().reason()
                .contains("FIFO"));
    }
}
