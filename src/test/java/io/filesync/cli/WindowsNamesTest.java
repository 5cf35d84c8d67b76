package io.filesync.cli;

import io.filesync.MountedVolume;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names Windows cannot hold and names that differ only in case, planned for what they are on real NTFS (ntfs-3g) and
 * exFAT (exfat-fuse) volumes, and left alone on ext4: what the plan says, what a sync leaves on the volume, what a
 * second plan and verify find. The volumes need root, /dev/fuse and loop devices; skipped with the reason elsewhere.
 */
class WindowsNamesTest {
    @TempDir
    Path tmp;

    private Cli.Result run(String... args) {
        return Cli.run(tmp.resolve("home"), args);
    }

    /** Category → path → reason, from {@code plan --json}. */
    private Map<String, Map<String, String>> plan(Path src, Path dst) {
        return Cli.plan(tmp.resolve("home"), src, dst, List.of("pending", "skipped", "conflict", "differs"));
    }

    private Tree awkwardNames() {
        return Tree.at(tmp.resolve("src"))
                .file("fine.jpg", "fine", "2010-01-01T00:00:00Z")
                .file("CON.txt", "con", "2010-01-01T00:00:00Z")
                .file("nul", "nul", "2010-01-01T00:00:00Z")
                .file("a:b.jpg", "colon", "2010-01-01T00:00:00Z")
                .file("what?.jpg", "question", "2010-01-01T00:00:00Z")
                .file("notes.", "dot", "2010-01-01T00:00:00Z")
                .file("tab\there.jpg", "tab", "2010-01-01T00:00:00Z")
                .file("aux/inner/deep.jpg", "deep", "2010-01-01T00:00:00Z")
                .file("Photo.JPG", "the first", "2010-01-01T00:00:00Z")
                .file("photo.jpg", "the second, other bytes", "2010-01-02T00:00:00Z")
                .file("Docs/x.jpg", "x", "2010-01-01T00:00:00Z")
                .file("docs/y.jpg", "y", "2010-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exfat", "ntfs"})
    void namesWindowsCannotHoldAreSkippedAndCaseTwinsAreConflictsOnAWindowsVolume(String kind) throws Exception {
        MountedVolume.assumeAvailable(kind, "the " + kind + " names test");
        Tree src = awkwardNames();
        try (MountedVolume volume = kind.equals("ntfs") ? MountedVolume.ntfs(tmp, 16) : MountedVolume.exfat(tmp, 16)) {
            Path dst = Files.createDirectories(volume.root().resolve("Backup"));
            Map<String, Map<String, String>> plan = plan(src.root(), dst);

            assertEquals(List.of("Docs/x.jpg", "Photo.JPG", "fine.jpg"), List.copyOf(plan.get("pending").keySet()));
            Map<String, String> skipped = plan.get("skipped");
            assertEquals(List.of("CON.txt", "a:b.jpg", "aux", "aux/inner", "aux/inner/deep.jpg", "notes.", "nul",
                    "tab\there.jpg", "what?.jpg"), List.copyOf(skipped.keySet()));
            skipped.values().forEach(r -> assertTrue(r.contains("cannot hold this name: Windows"), r));
            assertTrue(skipped.get("CON.txt").endsWith("Windows reserves the name CON for a device, even with an"
                    + " extension"), skipped.get("CON.txt"));
            assertTrue(skipped.get("a:b.jpg").endsWith("Windows does not allow \":\" in names"), skipped.get("a:b.jpg"));
            assertTrue(skipped.get("what?.jpg").endsWith("Windows does not allow \"?\" in names"));
            assertTrue(skipped.get("notes.").endsWith("Windows does not allow a name to end with a dot"));
            assertTrue(skipped.get("tab\there.jpg").contains("control characters (here U+0009)"));
            assertTrue(skipped.get("aux/inner/deep.jpg").startsWith("it is inside \"aux\", which is not copied ("),
                    skipped.get("aux/inner/deep.jpg"));
            assertTrue(skipped.get("aux/inner/deep.jpg").contains("Windows reserves the name AUX"));

            Map<String, String> conflicts = plan.get("conflict");
            assertEquals(List.of("docs", "docs/y.jpg", "photo.jpg"), List.copyOf(conflicts.keySet()));
            assertTrue(conflicts.get("photo.jpg").startsWith("its name differs from \"Photo.JPG\" only in case, and the"
                    + " destination ("), conflicts.get("photo.jpg"));
            assertTrue(conflicts.get("photo.jpg").endsWith("takes both for one name: only \"Photo.JPG\" is copied"
                    + " there"), conflicts.get("photo.jpg"));
            assertTrue(conflicts.get("docs/y.jpg").startsWith("it is inside \"docs\", which is not copied (its name"
                    + " differs from \"Docs\" only in case"), conflicts.get("docs/y.jpg"));

            Cli.Result text = run("plan", src.root().toString(), dst.toString());
            assertTrue(text.out().contains("skipped   CON.txt  (the destination ("), text.out());
            assertTrue(text.out().contains("conflict  photo.jpg  (its name differs from \"Photo.JPG\" only in case"),
                    text.out());
            assertTrue(text.out().contains("Names:       On this destination ("), text.out());

            Cli.Result sync = run("sync", src.root().toString(), dst.toString(), "--yes");
            assertEquals(0, sync.exit(), sync.out() + sync.err());
            assertEquals(Map.of("Docs/x.jpg", 1L, "Photo.JPG", 9L, "fine.jpg", 4L), Tree.files(dst),
                    "only what the plan called pending, each once, nothing merged into Docs");
            assertEquals("the first", Files.readString(dst.resolve("Photo.JPG")));

            Map<String, Map<String, String>> again = plan(src.root(), dst);
            assertEquals(Map.of(), again.get("pending"));
            assertEquals(skipped, again.get("skipped"));
            assertEquals(conflicts, again.get("conflict"));
            Cli.Result verify = run("verify", src.root().toString(), dst.toString());
            assertEquals(0, verify.exit(), verify.out() + verify.err());
        }
    }

    @Test
    void aFileTheVolumeHasInAnotherCaseIsComparedWithItAndNeverOverwritten() throws Exception {
        MountedVolume.assumeAvailable("exfat", "the exFAT case test");
        Tree src = Tree.at(tmp.resolve("src"))
                .file("Photo.JPG", "the source's bytes", "2010-01-01T00:00:00Z")
                .file("Same.txt", "same", "2010-01-01T00:00:00Z");
        try (MountedVolume exfat = MountedVolume.exfat(tmp, 16)) {
            Tree dst = Tree.at(exfat.root())
                    .file("photo.jpg", "the backup's own", "2011-01-01T00:00:00Z")
                    .file("same.TXT", "same", "2010-01-01T00:00:00Z");
            Map<String, Map<String, String>> plan = plan(src.root(), dst.root());
            assertEquals(Map.of(), plan.get("pending"));
            assertEquals(List.of("Photo.JPG"), List.copyOf(plan.get("differs").keySet()), "same.TXT is present");
            assertTrue(plan.get("differs").get("Photo.JPG").endsWith("(there it is named \"photo.jpg\", which that"
                    + " volume takes for the same name)"), plan.get("differs").get("Photo.JPG"));
            Cli.Result sync = run("sync", src.root().toString(), dst.root().toString(), "--yes");
            assertEquals(0, sync.exit(), sync.out() + sync.err());
            assertEquals("the backup's own", Files.readString(dst.path("photo.jpg")));
            assertEquals(Map.of("photo.jpg", 16L, "same.TXT", 4L), Tree.files(dst.root()));
        }
    }

    @Test
    void onAVolumeThatTellsCaseAndTakesAnyNameEveryNameIsCopied() throws Exception {
        Tree src = awkwardNames();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Map<String, Map<String, String>> plan = plan(src.root(), dst);
        assertEquals(Map.of(), plan.get("skipped"));
        assertEquals(Map.of(), plan.get("conflict"));
        Cli.Result sync = run("sync", src.root().toString(), dst.toString(), "--yes");
        assertEquals(0, sync.exit(), sync.out() + sync.err());
        assertEquals(Tree.files(src.root()), Tree.files(dst));
    }
}
