package io.filesync.engine.copy;

import io.filesync.engine.VolumeInfo;
import io.filesync.files.CreationTimeStore;
import io.filesync.platform.MountedDevice;

import java.util.Locale;

/**
 * How many files a sync copies at once when the user did not say ({@code --threads}): chosen by the kind of
 * destination volume, and 1 onto a spinning disk, where copies in parallel make its head seek between files. The
 * counts were measured per kind of volume with 1, 2, 4 and 8 threads (bench/README.md, "Copy threads per kind of
 * volume").
 *
 * @param threads how many
 * @param why     the reason, in words, for the log
 */
public record ThreadChoice(int threads, String why) {

    /** Kinds of destination volume whose best thread counts differ. */
    public enum Kind {
        /** tmpfs, ramfs: no device; the copies cost processor time alone. */
        MEMORY,
        /** A kernel file system on a block device (ext4, xfs, btrfs…). */
        BLOCK,
        /** NTFS through ntfs-3g, a FUSE daemon: every write and fsync is a round trip to it. */
        NTFS_3G,
        /** Another FUSE file system on a block device (exfat-fuse…), or one that names itself. */
        FUSE,
        /** Not known (another system, a network file system…). */
        OTHER
    }

    /** The kind of the destination volume, from the mount Linux reports and what the plan learnt of the volume. */
    public static Kind kindOf(MountedDevice device, VolumeInfo volume) {
        String fs = device.fileSystem().toLowerCase(Locale.ROOT);
        if (fs.equals("tmpfs") || fs.equals("ramfs")) {
            return Kind.MEMORY;
        }
        if (fs.equals("fuseblk") || fs.startsWith("fuse")) {
            return volume.creationStore() == CreationTimeStore.NTFS_XATTR ? Kind.NTFS_3G : Kind.FUSE;
        }
        return device.source().startsWith("/dev/") ? Kind.BLOCK : Kind.OTHER;
    }

    /**
     * @param rotational the destination's device spins (its /sys rotational flag); ignored where it has none
     * @param cores      processors this process may use
     */
    public static ThreadChoice choose(Kind kind, boolean rotational, int cores) {
        if (rotational && kind != Kind.MEMORY && kind != Kind.OTHER) {
            return new ThreadChoice(1, "one at a time onto a spinning disk");
        }
        return switch (kind) {
            case MEMORY -> new ThreadChoice(clamp(cores, 2, 4), "one per core (at least 2, at most 4) into memory");
            case BLOCK -> new ThreadChoice(clamp(cores, 2, 4), "one per core (at least 2, at most 4) onto a local disk");
            case NTFS_3G, FUSE -> new ThreadChoice(4, "4 onto a FUSE volume: copies wait on its driver's flushes");
            case OTHER -> new ThreadChoice(clamp(2 * cores, 2, 8), "2 per core, from 2 to 8");
        };
    }

    /** The choice for {@code device}, holding the plan's {@code volume}, on this machine. */
    public static ThreadChoice of(MountedDevice device, VolumeInfo volume) {
        return choose(kindOf(device, volume), device.rotational().orElse(false),
                Runtime.getRuntime().availableProcessors());
    }

    private static int clamp(int n, int min, int max) {
        return Math.max(min, Math.min(max, n));
    }
}
