package io.filesync.engine;

import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a destination volume can hold, from its file-system type. FAT stores modification times in 2 s steps and
 * exFAT in 10 ms steps; NTFS in 100 ns. FUSE mounts ({@code fuseblk}) do not say which file system they serve, so
 * they get the coarsest step, which only widens "same modification time" by 2 s for files of equal size.
 */
final class Volumes {
    private Volumes() {
    }

    static VolumeInfo describe(Path destination, FileOps ops) {
        String type;
        try {
            type = Files.getFileStore(destination).type();
        } catch (IOException e) {
            type = "unknown";
        }
        String t = type.toLowerCase(Locale.ROOT);
        Duration step = switch (t) {
            case "vfat", "msdos", "fat", "fat32", "fuseblk", "unknown" -> Duration.ofSeconds(2);
            case "exfat" -> Duration.ofMillis(10);
            case "ntfs", "ntfs3", "ntfs-3g" -> Duration.ofNanos(100);
            default -> Duration.ofNanos(1);
        };
        boolean creation = ops.canSetCreationTime();
        String sentence = creation
                ? "This " + type + " volume keeps creation, modification and access times."
                : "The destination (" + type + ") cannot be given a creation time on this system: modification and"
                + " access times will be kept, creation times will not.";
        return new VolumeInfo(type, step, creation, sentence);
    }
}
