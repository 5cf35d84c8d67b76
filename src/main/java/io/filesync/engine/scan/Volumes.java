package io.filesync.engine.scan;

import io.filesync.engine.DestinationNames;
import io.filesync.engine.VolumeInfo;
import io.filesync.files.CreationTimeStore;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a destination volume can hold: where it keeps creation times (probed by reading attributes of the
 * destination folder, so a plan writes nothing), and its modification-time step from its file-system type. FAT
 * stores modification times in 2 s steps, exFAT in 10 ms (exfat-fuse keeps whole seconds), NTFS in 100 ns. FUSE
 * mounts ({@code fuseblk}) other than
 * ntfs-3g do not say which file system they serve, so they get the coarsest step, which only widens "same
 * modification time" by 2 s for files of equal size.
 */
public final class Volumes {
    private Volumes() {
    }

    public static VolumeInfo describe(Path destination, FileOps ops) {
        String type;
        try {
            type = Files.getFileStore(destination).type();
        } catch (IOException e) {
            type = "unknown";
        }
        String t = type.toLowerCase(Locale.ROOT);
        CreationTimeStore store = ops.creationTimeStore(destination);
        String label = switch (store) {
            case NTFS_XATTR -> "NTFS (ntfs-3g)";
            case CIFS_XATTR -> "SMB/CIFS (" + type + ")";
            default -> type;
        };
        Duration step = store == CreationTimeStore.NTFS_XATTR || store == CreationTimeStore.CIFS_XATTR
                ? Duration.ofNanos(100)
                : t.startsWith("fuse.") ? Duration.ofSeconds(2) // a FUSE driver that names itself, not ntfs-3g
                : switch (t) {
                    case "vfat", "msdos", "fat", "fat32", "fuse", "fuseblk", "unknown" -> Duration.ofSeconds(2);
                    case "exfat" -> Duration.ofMillis(10);
                    case "ntfs", "ntfs3" -> Duration.ofNanos(100);
                    default -> Duration.ofNanos(1);
                };
        String cannot = t.equals("ntfs3")
                ? "The kernel's ntfs3 driver shows creation times but cannot set them (mount the volume with ntfs-3g"
                + " to keep them)"
                : "The destination (" + type + ") cannot be given a creation time on this system";
        String sentence = switch (store) {
            case FILE_SYSTEM, NTFS_XATTR, CIFS_XATTR ->
                    "This " + label + " volume keeps creation, modification and access times.";
            case FILESYNC_XATTR -> cannot + ": modification and access times will be kept, and each original creation"
                    + " time is kept aside in the copy's " + CreationTimeStore.KEPT_ASIDE + " attribute.";
            case NONE -> cannot + ": modification and access times will be kept, creation times will not.";
        };
        return new VolumeInfo(label, step, store, sentence,
                DestinationNames.of(System.getProperty("os.name", ""), type, store, destination));
    }
}
