package io.filesync.platform;

import io.filesync.files.CreationTimeStore;

/** The FileOps contract, run against the NIO implementation Windows and macOS get (here on Linux). */
class PortableFileOpsContractTest extends FileOpsContract {
    private final FileOps ops = new PortableFileOps();

    @Override
    FileOps ops() {
        return ops;
    }

    /** Portable code has no syncfs: it flushes each copy on its own instead. */
    @Override
    boolean flushesWholeVolumeOnLocalDisk() {
        return false;
    }

    /** On Linux the JDK cannot set a creation time, and this implementation keeps none aside. */
    @Override
    CreationTimeStore creationTimeStoreOnLocalDisk() {
        return CreationTimeStore.NONE;
    }

    /** The JDK offers no path that reaches an open folder. */
    @Override
    boolean holdsFolders() {
        return false;
    }

    /** NIO has no O_TMPFILE: every copy has its temporary name. */
    @Override
    boolean makesUnnamedCopies() {
        return false;
    }
}
