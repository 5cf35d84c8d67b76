package io.filesync;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The test volumes are what they say they are, hold files, and are gone after close. Needs root (skipped, with why). */
class MountedVolumeTest {
    @TempDir
    Path tmp;

    private MountedVolume mount(String kind) throws IOException {
        String why = MountedVolume.whyNotAvailable(kind);
        if (why != null) {
            System.out.println("Skipping the " + kind + " volume test: " + why);
        }
        assumeTrue(why == null, why);
        return switch (kind) {
            case "ntfs" -> MountedVolume.ntfs(tmp, 8);
            case "exfat" -> MountedVolume.exfat(tmp, 8);
            case "tmpfs" -> MountedVolume.tmpfs(tmp, 8);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @CsvSource({"ntfs, fuseblk", "exfat, fuseblk", "tmpfs, tmpfs"})
    void aMountedVolumeHoldsAFileAndIsGoneAfterClose(String kind, String mountType) throws Exception {
        Path root;
        try (MountedVolume v = mount(kind)) {
            root = v.root();
            assertEquals(tmp.resolve("mnt-1"), root);
            assertEquals(mountType, MountedVolume.mountType(root));
            Files.writeString(root.resolve("Photo.txt"), "the bytes");
            assertEquals("the bytes", Files.readString(root.resolve("Photo.txt")));
            // Both FUSE kinds are fuseblk; what only the named driver does tells them apart.
            switch (kind) {
                case "ntfs" -> assertTrue(Tree.run("getfattr", "-n", "system.ntfs_crtime", "-e", "hex",
                        root.resolve("Photo.txt").toString()).contains("system.ntfs_crtime=0x"));
                case "exfat" -> assertEquals("the bytes", Files.readString(root.resolve("PHOTO.TXT")),
                        "exFAT names are case-insensitive");
                default -> { }
            }
        }
        assertNull(MountedVolume.mountType(root), kind + " is still mounted");
        assertTrue(Files.list(root).findAny().isEmpty(), "the mount point is an empty folder again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "tmpfs"})
    @SuppressWarnings("try") // closed on purpose inside its try: the test is that a busy volume still detaches
    void aVolumeAFileIsStillOpenOnIsUnmountedAnyway(String kind) throws Exception {
        Path root;
        try (MountedVolume v = mount(kind)) {
            root = v.root();
            Files.writeString(root.resolve("open.txt"), "held");
            try (InputStream held = Files.newInputStream(root.resolve("open.txt"))) {
                v.close();
                assertNull(MountedVolume.mountType(root), "a busy " + kind + " volume is detached lazily");
                assertEquals('h', held.read(), "what was open stays readable until it is closed");
            }
        }
        assertNull(MountedVolume.mountType(root));
    }
}
