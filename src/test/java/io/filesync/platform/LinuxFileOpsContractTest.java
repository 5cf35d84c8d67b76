package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FileOps contract, run against the Linux system-call implementation. */
class LinuxFileOpsContractTest extends FileOpsContract {
    private final FileOps ops = new LinuxFileOps();

    @BeforeAll
    static void onLinuxWithNativeAccess() {
        assumeTrue(LinuxFileOps.usable(), "LinuxFileOps needs Linux and native access");
    }

    @Override
    FileOps ops() {
        return ops;
    }

    /** syncfs reaches the device on a local ext4 (only FUSE volumes are not). */
    @Override
    boolean flushesWholeVolumeOnLocalDisk() {
        return true;
    }

    /** ext4 takes user attributes: the creation time is kept aside in user.filesync.crtime. */
    @Override
    CreationTimeStore creationTimeStoreOnLocalDisk() {
        return CreationTimeStore.FILESYNC_XATTR;
    }

    /** Through /proc/self/fd. */
    @Override
    boolean holdsFolders() {
        return true;
    }

    /** O_TMPFILE on ext4, named by linkat. */
    @Override
    boolean makesUnnamedCopies() {
        return true;
    }
}
