package io.filesync.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountedDeviceTest {
    private static final String MOUNTINFO = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 253:0 / / rw,relatime - ext4 /dev/vda rw
            25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683584k
            45 25 7:3 / /dev/shm/vol rw,relatime - ext4 /dev/loop3 rw
            46 45 0:57 / /dev/shm/vol/usb\\040stick rw,nosuid,nodev,relatime shared:1 - fuseblk /dev/loop4 rw,user_id=0,group_id=0,allow_other,blksize=4096
            47 25 0:58 / /dev/shm/vol rw,relatime - tmpfs other rw
            """;

    @Test
    void aFolderIsOnTheDeepestMountAboveIt() {
        assertEquals("ext4", MountedDevice.mountOf(MOUNTINFO, "/home/me").orElseThrow().fileSystem());
        assertEquals("tmpfs", MountedDevice.mountOf(MOUNTINFO, "/dev/shm/x").orElseThrow().fileSystem());
        assertEquals("/dev/vda", MountedDevice.mountOf(MOUNTINFO, "/dev/shmx").orElseThrow().source(),
                "a name that only starts like a mount point is not below it");
    }

    @Test
    void theLaterOfTwoMountsOnOnePointIsTheOneSeen() {
        assertEquals("other", MountedDevice.mountOf(MOUNTINFO, "/dev/shm/vol/a").orElseThrow().source());
    }

    @Test
    void mountPointsWithEscapedSpacesAreFound() {
        MountedDevice.Mount m = MountedDevice.mountOf(MOUNTINFO, "/dev/shm/vol/usb stick/backup").orElseThrow();
        assertEquals("fuseblk", m.fileSystem());
        assertEquals("/dev/loop4", m.source());
        assertEquals("0:57", m.device());
        assertEquals("a b\\c", MountedDevice.unescape("a\\040b\\134c"));
    }

    @Test
    void anNtfs3gDaemonWithoutBigWritesIsFoundByItsDeviceOrMountPoint() {
        MountedDevice.Mount m = new MountedDevice.Mount("0:57", "/media/me/USB", "fuseblk", "/dev/sdb1");
        assertTrue(MountedDevice.servesWithoutBigWrites(List.of("ntfs-3g", "/dev/sdb1", "/media/me/USB"), m));
        assertTrue(MountedDevice.servesWithoutBigWrites(
                List.of("/sbin/mount.ntfs", "/dev/sdb1", "/media/me/USB", "-o", "rw,uid=1000,windows_names"), m));
        assertFalse(MountedDevice.servesWithoutBigWrites(
                List.of("ntfs-3g", "-o", "rw,big_writes", "/dev/sdb1", "/media/me/USB"), m));
        assertFalse(MountedDevice.servesWithoutBigWrites(List.of("ntfs-3g", "-obig_writes", "/dev/sdb1", "/x"), m));
        assertFalse(MountedDevice.servesWithoutBigWrites(List.of("ntfs-3g", "/dev/sdc1", "/media/me/OTHER"), m),
                "another volume's daemon");
        assertFalse(MountedDevice.servesWithoutBigWrites(List.of("mount.exfat-fuse", "/dev/sdb1", "/x"), m));
        assertFalse(MountedDevice.servesWithoutBigWrites(List.of(), m));
    }

    @Test
    void aDeviceIsRotationalByItsOwnFlagOrItsDisksForAPartition(@org.junit.jupiter.api.io.TempDir Path sys)
            throws Exception {
        Path disk = sys.resolve("sda");
        java.nio.file.Files.createDirectories(disk.resolve("queue"));
        java.nio.file.Files.writeString(disk.resolve("queue/rotational"), "1\n");
        java.nio.file.Files.createDirectories(disk.resolve("sda1"));
        Path ssd = sys.resolve("nvme0n1");
        java.nio.file.Files.createDirectories(ssd.resolve("queue"));
        java.nio.file.Files.writeString(ssd.resolve("queue/rotational"), "0\n");
        assertEquals(java.util.Optional.of(true), MountedDevice.rotationalFlag(disk));
        assertEquals(java.util.Optional.of(true), MountedDevice.rotationalFlag(disk.resolve("sda1")));
        assertEquals(java.util.Optional.of(false), MountedDevice.rotationalFlag(ssd));
        assertEquals(java.util.Optional.empty(), MountedDevice.rotationalFlag(sys.resolve("none")));
    }

    @Test
    void thisMachinesTmpfsIsSeenAsTmpfsWithNoDevice() {
        MountedDevice d = MountedDevice.of(Path.of("/dev/shm"));
        assertEquals("tmpfs", d.fileSystem());
        assertFalse(d.ntfs3gWithoutBigWrites());
    }
}
