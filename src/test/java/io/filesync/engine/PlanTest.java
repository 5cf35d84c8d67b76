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

    @Test
    void aListedEntryHasTheCreationTimeKeptAsideOnItWhetherOrNotTheDestinationHasItsFolder() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("new/kept.jpg", 100, "2010-01-01T00:00:00Z")
                .file("new/plain.jpg", 100, "2010-01-01T00:00:00Z")
                .file("old/kept.jpg", 100, "2010-01-01T00:00:00Z")
                .file("old/plain.jpg", 100, "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).folder("old");
        java.time.Instant kept = java.time.Instant.parse("2001-02-03T04:05:06.123456789Z");
        for (String p : new String[]{"new", "new/kept.jpg", "old/kept.jpg"}) {
            try {
                java.nio.file.Files.getFileAttributeView(src.path(p),
                        java.nio.file.attribute.UserDefinedFileAttributeView.class).write("filesync.crtime",
                        java.nio.ByteBuffer.wrap(kept.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException | UnsupportedOperationException e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "this volume takes no user attributes: " + e);
            }
        }

        // "new" is read while the destination has no such folder (its entries' attributes as it is listed), "old"
        // where it has one (each listed entry's afterwards): a plan gives each listed entry what stat gives.
        Plan plan = plan(src.root(), dst.root(), MatchMode.PATH);
        io.filesync.platform.FileOps ops = io.filesync.platform.FileOps.forThisSystem();
        assertEquals(5, plan.entries().size());
        for (PlanEntry e : plan.entries()) {
            assertEquals(ops.stat(src.path(e.path())).times().created(), e.created(), e.path());
        }
        if (!Boolean.getBoolean("filesync.portableFileOps")) { // PortableFileOps on Linux keeps no creation time aside
            assertEquals(kept, plan.entries().stream().filter(e -> e.path().equals("new/kept.jpg")).findFirst()
                    .orElseThrow().created());
            assertEquals(kept, plan.entries().stream().filter(e -> e.path().equals("old/kept.jpg")).findFirst()
                    .orElseThrow().created());
        }
    }

    @Test
    void nameModeFindsFilesTheDestinationReorganised() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("2010/a.jpg", 100, "2010-01-01T00:00:00Z")
                .file("2010/b.jpg", 100, "2010-01-01T00:00:00Z")
                .file("2011/c.jpg", 100, "2011-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst"))
                .file("sorted/holiday/a.jpg", 100, "2010-01-01T00:00:00Z")
                .file("elsewhere/b.jpg", 999, "2010-01-01T00:00:00Z");

        Plan byName = plan(src.root(), dst.root(), MatchMode.NAME);
        assertEquals(Map.of("2010", Category.PENDING, "2011", Category.PENDING, "2010/b.jpg", Category.DIFFERS,
                "2011/c.jpg", Category.PENDING), categories(byName));
        assertEquals(1, byName.summary().present().files());

        Plan byPath = plan(src.root(), dst.root(), MatchMode.PATH);
        assertEquals(3, byPath.summary().pending().files());
    }

    @Test
    void nameModeMarksSourceFilesSharingANameAsConflicts() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("a/IMG_1.jpg", 100, "2010-01-01T00:00:00Z")
                .file("b/IMG_1.jpg", 200, "2010-01-01T00:00:00Z")
                .file("b/IMG_2.jpg", 300, "2010-01-01T00:00:00Z");
        Path dst = tmp.resolve("dst");
        java.nio.file.Files.createDirectories(dst);

        Plan plan = plan(src.root(), dst, MatchMode.NAME);

        assertEquals(Category.CONFLICT, categories(plan).get("a/IMG_1.jpg"));
        assertEquals(Category.CONFLICT, categories(plan).get("b/IMG_1.jpg"));
        assertEquals(Category.PENDING, categories(plan).get("b/IMG_2.jpg"));
        assertEquals(new Tally(2, 300), plan.summary().conflicts());
    }

    @Test
    void aNameInTheOtherUnicodeNormalisationIsTheSameFile() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("cafe\u0301/re\u0301sume\u0301.txt", "x", "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).file("caf\u00e9/r\u00e9sum\u00e9.txt", "x", "2010-01-01T00:00:00Z");

        Plan plan = plan(src.root(), dst.root(), MatchMode.PATH);

        assertEquals(Map.of(), categories(plan));
        assertEquals(1, plan.summary().present().files());
    }

    @Test
    void planChangesNothingInEitherFolder() throws Exception {
        Tree src = Tree.at(tmp.resolve("src")).file("a/x.jpg", 100, "2010-01-01T00:00:00Z")
                .folderTimes("a", "2010-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).file("b/y.jpg", 100, "2010-01-01T00:00:00Z")
                .folderTimes("b", "2010-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
        var srcBefore = Tree.snapshot(src.root());
        var dstBefore = Tree.snapshot(dst.root());

        plan(src.root(), dst.root(), MatchMode.PATH);
        plan(src.root(), dst.root(), MatchMode.NAME);

        assertEquals(srcBefore, Tree.snapshot(src.root()));
        assertEquals(dstBefore, Tree.snapshot(dst.root()));
    }
}
