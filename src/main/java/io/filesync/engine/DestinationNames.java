package io.filesync.engine;

import io.filesync.files.CreationTimeStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Which names a destination can hold, by its kind: Windows itself, or a volume Windows reads (NTFS, FAT, exFAT)
 * mounted on Linux or macOS. Such a destination gets two rules at plan time, so nothing fails at copy time:
 * <ul>
 * <li>names Windows cannot hold are skipped (Microsoft's "Naming Files, Paths, and Namespaces": the reserved device
 * names, a trailing dot or space, {@code < > : " / \ | ? *} and the characters 0–31);</li>
 * <li>names that differ only in case are one name there: the first of such twins in a folder is copied, the others
 * are conflicts.</li>
 * </ul>
 * ntfs-3g can hold {@code a:b} and both {@code a} and {@code A} in its POSIX namespace, but Windows cannot open the
 * first and shows only one of the second; a backup on NTFS is there to be read on Windows, so the rules apply to NTFS
 * whatever the driver.
 *
 * @param volume          the destination's kind as the user knows it ("exFAT", "NTFS", "Windows (NTFS)"…)
 * @param windowsNames    names Windows cannot hold are refused
 * @param caseInsensitive names that differ only in case are one name there
 */
public record DestinationNames(String volume, boolean windowsNames, boolean caseInsensitive) {

    /** A destination that takes any name a POSIX system can give (ext4, btrfs, xfs, tmpfs, case-sensitive APFS). */
    static final DestinationNames ANY = new DestinationNames("", false, false);

    /**
     * The rules for a destination.
     *
     * @param os     {@code os.name}
     * @param fsType the file-system type the JDK gives ({@code FileStore.type()}: "ntfs", "vfat", "fuseblk", "apfs"…)
     * @param store  where it keeps creation times ({@link CreationTimeStore#NTFS_XATTR} tells ntfs-3g apart)
     * @param folder the destination folder, whose own name is looked up in the other case where that says more
     */
    public static DestinationNames of(String os, String fsType, CreationTimeStore store, Path folder) {
        String o = os.toLowerCase(Locale.ROOT);
        String t = fsType.toLowerCase(Locale.ROOT);
        if (o.startsWith("windows")) {
            // Windows can make single folders case-sensitive (fsutil setCaseSensitiveInfo, for WSL); Explorer and
            // most programs still cannot tell such twins apart, so they are conflicts there too.
            return new DestinationNames("Windows (" + fsType + ")", true, true);
        }
        String kind = store == CreationTimeStore.NTFS_XATTR ? "NTFS"
                : switch (t) {
                    case "ntfs", "ntfs3", "fuseblk.ntfs", "fuseblk.ntfs-3g" -> "NTFS";
                    case "vfat", "msdos", "fat", "fat32" -> "FAT";
                    case "exfat", "fuseblk.exfat" -> "exFAT";
                    // A FUSE driver for a block device that is not ntfs-3g: in practice exfat-fuse (the kernel
                    // shows "fuseblk" for both, and ntfs-3g was told apart by its attribute above).
                    case "fuseblk" -> "exFAT or FAT (FUSE)";
                    default -> null;
                };
        if (kind != null) {
            return new DestinationNames(kind, true, true);
        }
        boolean mac = o.contains("mac") || o.contains("darwin");
        Boolean probed = caseInsensitiveByLookup(folder);
        if (probed != null ? probed : mac) {
            // APFS and HFS+ are case-insensitive unless formatted otherwise; an ext4 folder with casefold (+F) too.
            return new DestinationNames(fsType + ", case-insensitive", false, true);
        }
        return ANY;
    }

    /**
     * Whether looking up the folder's own name in the other case finds that very folder: null when that cannot tell
     * (a name with no letters, or a mount point, whose name is looked up in the volume above it).
     */
    static Boolean caseInsensitiveByLookup(Path folder) {
        Path name = folder.getFileName();
        Path parent = folder.getParent();
        if (name == null || parent == null) {
            return null;
        }
        String other = otherCase(name.toString());
        if (other.equals(name.toString())) {
            return null;
        }
        try {
            Object here = Files.getAttribute(folder, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Object above = Files.getAttribute(parent, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!here.equals(above)) {
                return null;
            }
            Path flipped = parent.resolve(other);
            return Files.exists(flipped, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(folder, flipped);
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String otherCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(
                Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
        return b.toString();
    }

    /** Reserved for devices, even with an extension ({@code NUL.txt}, {@code nul.tar.gz}); ¹ ² ³ count as digits. */
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00b9", "COM\u00b2", "COM\u00b3",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3");

    /**
     * Why this destination cannot hold {@code name} (one clause for the plan's sentence), or null when it can.
     * Windows 11 lets some programs create {@code NUL.txt} and the like; earlier Windows and Explorer do not, and a
     * backup disk may be read by either, so the names stay refused.
     */
    public String whyNot(String name) {
        if (!windowsNames) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 32) {
                return refused(String.format("Windows does not allow control characters (here U+%04X) in names", (int) c));
            }
            if ("<>:\"/\\|?*".indexOf(c) >= 0) {
                return refused("Windows does not allow \"" + c + "\" in names");
            }
        }
        if (name.endsWith(".")) {
            return refused("Windows does not allow a name to end with a dot");
        }
        if (name.endsWith(" ")) {
            return refused("Windows does not allow a name to end with a space");
        }
        int dot = name.indexOf('.');
        // "NUL .txt" is NUL too: Windows drops the spaces before the extension when it parses the name.
        String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICES.contains(base)) {
            return refused("Windows reserves the name " + base + " for a device, even with an extension");
        }
        return null;
    }

    private String refused(String why) {
        return "the destination (" + volume + ") cannot hold this name: " + why;
    }

    /**
     * What two names have in common when this destination takes them for one: Unicode NFC (NFC and NFD spellings
     * are one name to FileSync everywhere), then each character in upper case, as NTFS's and exFAT's up-case tables
     * compare names (one character at a time, so "ß" and "SS" stay two names; APFS folds case the same way for
     * these). The name itself where case matters.
     */
    public String key(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (!caseInsensitive) {
            return nfc;
        }
        StringBuilder b = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(c -> b.appendCodePoint(Character.toUpperCase(c)));
        return b.toString();
    }

    /** Why {@code name} is not copied though it has a twin {@code kept} in its folder (one clause for the plan). */
    public String twinReason(String kept) {
        return "its name differs from \"" + kept + "\" only in case, and the destination (" + volume
                + ") takes both for one name: only \"" + kept + "\" is copied there";
    }

    /** One sentence for the plan's summary, or null where names need no rule. */
    public String sentence() {
        if (!windowsNames && !caseInsensitive) {
            return null;
        }
        return "On this destination (" + volume + ")"
                + (windowsNames ? " names Windows cannot hold are skipped" : "")
                + (windowsNames && caseInsensitive ? " and" : "")
                + (caseInsensitive ? " names that differ only in case are one name: the second is a conflict" : "")
                + ".";
    }
}
