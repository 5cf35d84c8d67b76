package io.filesync.engine;

import io.filesync.files.CreationTimeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The names a Windows-readable destination cannot hold, as Microsoft's "Naming Files, Paths, and Namespaces" lists them. */
class DestinationNamesTest {
    @TempDir
    Path tmp;

    private static final DestinationNames EXFAT = new DestinationNames("exFAT", true, true);

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "Con.txt", "PRN", "AUX.c", "NUL", "nul.tar.gz", "NUL .txt", "COM1", "com9.log",
            "LPT1", "lpt9.doc", "COM\u00b9", "COM\u00b2.txt", "LPT\u00b3"})
    void reservedDeviceNamesAreRefusedWithAnyExtensionAndInAnyCase(String name) {
        String why = EXFAT.whyNot(name);
        assertTrue(why != null && why.contains("Windows reserves the name") && why.contains("for a device"),
                name + ": " + why);
        assertTrue(why.startsWith("the destination (exFAT) cannot hold this name: "), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE", "CON1", "COM10", "LPT", "COMA", "file.aux", "a.NUL", "nul-device", "AUXILIARY.txt",
            "COM\u2074", ".gitignore", "..x", "normal name.jpg", "caf\u00e9", "\u65e5\u672c"})
    void namesThatOnlyLookReservedAreHeld(String name) {
        assertNull(EXFAT.whyNot(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<", ">", ":", "\"", "\\", "|", "?", "*"})
    void eachCharacterWindowsRefusesIsNamed(String c) {
        assertEquals("the destination (exFAT) cannot hold this name: Windows does not allow \"" + c + "\" in names",
                EXFAT.whyNot("a" + c + "b.jpg"));
    }

    @Test
    void controlCharactersAndATrailingDotOrSpaceAreRefused() {
        for (int c = 1; c < 32; c++) {
            String why = EXFAT.whyNot("a" + (char) c + "b");
            assertTrue(why != null && why.contains(String.format("U+%04X", c)), c + ": " + why);
        }
        assertTrue(EXFAT.whyNot("notes.").endsWith("Windows does not allow a name to end with a dot"));
        assertTrue(EXFAT.whyNot("notes ").endsWith("Windows does not allow a name to end with a space"));
        assertNull(EXFAT.whyNot("a\u007fb"), "DEL (127) is allowed");
    }

    @Test
    void aDestinationWithoutWindowsRulesHoldsEveryName() {
        for (String name : new String[]{"CON", "a:b", "x.", "x ", "a\tb", "what?"}) {
            assertNull(DestinationNames.ANY.whyNot(name), name);
        }
    }

    @Test
    void namesAreOneWhenTheyDifferInCaseOrNormalisationButNotWhenSpelledOtherwise() {
        assertEquals(EXFAT.key("Photo.JPG"), EXFAT.key("photo.jpg"));
        assertEquals(EXFAT.key("\u00c9T\u00c9"), EXFAT.key("\u00e9t\u00e9"), "accented letters fold too");
        assertEquals(EXFAT.key("\u03a3\u039f\u03a6\u0399\u0391"), EXFAT.key("\u03c3\u03bf\u03c6\u03b9\u03b1"),
                "Greek");
        String nfd = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFD);
        assertEquals(EXFAT.key("CAF\u00c9"), EXFAT.key(nfd));
        assertNotEquals(EXFAT.key("stra\u00dfe"), EXFAT.key("STRASSE"), "one character at a time, as up-case tables");
        assertNotEquals(DestinationNames.ANY.key("Photo.JPG"), DestinationNames.ANY.key("photo.jpg"));
        assertEquals(DestinationNames.ANY.key("caf\u00e9"), DestinationNames.ANY.key(nfd));
    }

    @Test
    void theRulesFollowTheDestinationsKind() {
        Path any = tmp;
        DestinationNames windows = DestinationNames.of("Windows 11", "NTFS", CreationTimeStore.FILE_SYSTEM, any);
        assertTrue(windows.windowsNames() && windows.caseInsensitive());
        DestinationNames ntfs3g = DestinationNames.of("Linux", "fuseblk", CreationTimeStore.NTFS_XATTR, any);
        assertEquals(new DestinationNames("NTFS", true, true), ntfs3g);
        for (String type : new String[]{"ntfs3", "vfat", "msdos", "exfat", "fuseblk"}) {
            DestinationNames d = DestinationNames.of("Linux", type, CreationTimeStore.NONE, any);
            assertTrue(d.windowsNames() && d.caseInsensitive(), type);
        }
        for (String type : new String[]{"ext4", "tmpfs", "btrfs", "xfs"}) {
            assertEquals(DestinationNames.ANY, DestinationNames.of("Linux", type, CreationTimeStore.NONE, any), type);
        }
        DestinationNames apfs = DestinationNames.of("Mac OS X", "apfs", CreationTimeStore.FILE_SYSTEM,
                Path.of("/"));
        assertFalse(apfs.windowsNames());
        assertTrue(apfs.caseInsensitive(), "macOS volumes are case-insensitive unless a lookup shows otherwise");
    }

    @Test
    void aLookupInTheOtherCaseTellsACaseSensitiveFolder() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("Backup"));
        assertEquals(Boolean.FALSE, DestinationNames.caseInsensitiveByLookup(folder), "ext4 and tmpfs tell case");
        Files.createDirectories(tmp.resolve("bACKUP"));
        assertEquals(Boolean.FALSE, DestinationNames.caseInsensitiveByLookup(folder), "another folder is not this one");
        assertNull(DestinationNames.caseInsensitiveByLookup(Files.createDirectories(tmp.resolve("2024"))),
                "no letters: the lookup cannot tell");
        assertEquals(DestinationNames.ANY, DestinationNames.of("Mac OS X", "apfs", CreationTimeStore.FILE_SYSTEM, folder),
                "a case-sensitive APFS volume is told apart by the lookup");
    }
}
