package io.filesync.platform;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Listing a folder the way the scan does leaves its access time alone, with nothing to put back afterwards. */
class ListingTest {
    @TempDir
    Path tmp;

    @Test
    void listingAFolderDoesNotMoveItsAccessTimeWhereAPlainListingDoes() throws Exception {
        Tree t = Tree.at(tmp.resolve("d")).file("a.jpg", 10, "2001-01-01T00:00:00Z").file("b.jpg", 10,
                "2001-01-01T00:00:00Z");
        Path dir = t.root();
        // An access time older than the modification time: relatime then updates it on the next read.
        Instant old = Instant.parse("2000-01-01T00:00:00.123456789Z");
        Tree.setTimes(dir, Tree.times(dir).modified(), old);

        List<String> names = Tree.OPS.list(dir).stream().map(DirectoryEntry::name).sorted().toList();
        assertEquals(List.of("a.jpg", "b.jpg"), names);
        assertEquals(old, Tree.times(dir).accessed(), "FileSync's listing left the access time as it was");

        try (var s = Files.list(dir)) { // the JDK's listing, for contrast: proves this volume does move it
            assertEquals(2, s.count());
        }
        assertNotEquals(old, Tree.times(dir).accessed(), "a plain listing moves it (relatime)");
    }

    @Test
    void aFolderThatIsALinkIsNotListedThrough() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("x"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> Tree.OPS.list(link));
        assertFalse(Tree.OPS.list(real).isEmpty());
    }
}
