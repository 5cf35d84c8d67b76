package io.filesync.engine.copy;

import io.filesync.engine.DestinationNames;
import io.filesync.engine.VolumeInfo;
import io.filesync.files.CreationTimeStore;
import io.filesync.platform.MountedDevice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static io.filesync.engine.copy.ThreadChoice.Kind.BLOCK;
import static io.filesync.engine.copy.ThreadChoice.Kind.FUSE;
import static io.filesync.engine.copy.ThreadChoice.Kind.MEMORY;
import static io.filesync.engine.copy.ThreadChoice.Kind.NTFS_3G;
import static io.filesync.engine.copy.ThreadChoice.Kind.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadChoiceTest {
    private static VolumeInfo volume(CreationTimeStore store) {
        return new VolumeInfo("x", Duration.ofNanos(1), store, "",
                DestinationNames.of("Linux", "ext4", store, Path.of("/")));
    }

    private static MountedDevice mount(String fs, String source) {
        return new MountedDevice(fs, source, Optional.of(false), false);
    }

    @Test
    void theKindOfVolumeComesFromTheMountAndWhereItKeepsCreationTimes() {
        VolumeInfo plain = volume(CreationTimeStore.FILESYNC_XATTR);
        assertEquals(MEMORY, ThreadChoice.kindOf(mount("tmpfs", "tmpfs"), plain));
        assertEquals(BLOCK, ThreadChoice.kindOf(mount("ext4", "/dev/loop3"), plain));
        assertEquals(NTFS_3G, ThreadChoice.kindOf(mount("fuseblk", "/dev/loop3"), volume(CreationTimeStore.NTFS_XATTR)));
        assertEquals(FUSE, ThreadChoice.kindOf(mount("fuseblk", "/dev/loop3"), volume(CreationTimeStore.NONE)));
        assertEquals(OTHER, ThreadChoice.kindOf(mount("nfs4", "server:/export"), plain));
        assertEquals(OTHER, ThreadChoice.kindOf(mount("", ""), plain)); // /proc could not tell
    }

    @Test
    void aSpinningDiskIsCopiedOntoOneFileAtATime() {
        for (ThreadChoice.Kind kind : new ThreadChoice.Kind[]{BLOCK, NTFS_3G, FUSE}) {
            assertEquals(1, ThreadChoice.choose(kind, true, 8).threads(), kind.name());
        }
    }

    @Test
    void eachKindGetsTheCountMeasuredBestForIt() {
        assertEquals(2, ThreadChoice.choose(MEMORY, false, 1).threads());
        assertEquals(2, ThreadChoice.choose(MEMORY, false, 2).threads());
        assertEquals(4, ThreadChoice.choose(MEMORY, false, 16).threads());
        assertEquals(2, ThreadChoice.choose(BLOCK, false, 1).threads());
        assertEquals(2, ThreadChoice.choose(BLOCK, false, 2).threads());
        assertEquals(4, ThreadChoice.choose(BLOCK, false, 16).threads());
        assertEquals(4, ThreadChoice.choose(NTFS_3G, false, 2).threads());
        assertEquals(4, ThreadChoice.choose(FUSE, false, 16).threads());
        assertEquals(4, ThreadChoice.choose(OTHER, false, 2).threads());
        assertEquals(8, ThreadChoice.choose(OTHER, false, 16).threads());
    }

    @Test
    void aMemoryVolumeIsNeverTakenForASpinningDisk() {
        // tmpfs has no device; a stale flag from /sys (an anonymous device number) must not make it serial
        assertEquals(2, ThreadChoice.choose(MEMORY, true, 2).threads());
    }
}
