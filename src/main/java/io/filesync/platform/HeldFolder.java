package io.filesync.platform;

import io.filesync.platform.Libc.Call;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One destination folder held open: its descriptor, owned here, and the path that reaches it through the kernel
 * ({@code /proc/self/fd/N/.}) for code that works with paths (the engine, NIO). LinuxFileOps never reads the
 * descriptor back out of that path: {@link HeldFolders} finds the HeldFolder a path belongs to.
 */
final class HeldFolder implements AutoCloseable {
    private static final Path PROC_FD = Path.of("/proc/self/fd");

    private final int fd;
    private final Path path;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The volume refused an unnamed file ({@code O_TMPFILE}) here: copies into this folder get temporary names. */
    private volatile boolean noUnnamedFiles;

    HeldFolder(int fd) {
        this.fd = fd;
        this.path = PROC_FD.resolve(Integer.toString(fd)).resolve(".");
    }

    /** Where the kernel reaches this folder while it is held, whatever is renamed or swapped on the way to it. */
    static Path procFd() {
        return PROC_FD;
    }

    /** How many names a held folder's path has: {@code /proc/self/fd}'s, the descriptor, and ".". */
    static int pathNames() {
        return PROC_FD.getNameCount() + 2;
    }

    int fd() {
        return fd;
    }

    Path path() {
        return path;
    }

    boolean unnamedFiles() {
        return !noUnnamedFiles;
    }

    void refuseUnnamedFiles() {
        noUnnamedFiles = true;
    }

    /** Closes the descriptor once; a second call does nothing (the number may belong to another file by then). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try (Call c = new Call()) {
                c.close(fd);
            }
        }
    }
}
