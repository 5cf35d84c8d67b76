package io.filesync.platform;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.filesync.platform.Libc.*;

/**
 * The destination folders held open for a run ({@link FileOps#hold}), each a {@link HeldFolder}. The engine reaches
 * them by their paths ({@code /proc/self/fd/N/.} and names below); a path below one is turned back into that folder's
 * descriptor and a name relative to it by looking the folder up, so the kernel does not look up
 * {@code /proc/self/fd/N} for every call, and a path that only looks like one of ours is used as it is.
 */
final class HeldFolders {
    /** Folders held open at once, at most: far below the usual descriptor limits; past it, plain paths. */
    private static final int MAX_HELD = 2048;
    private static final boolean PROC_FD = Files.isDirectory(HeldFolder.procFd());
    private static final int NAMES = HeldFolder.pathNames();

    private final AtomicInteger count = new AtomicInteger();
    private final Map<Path, HeldFolder> byPath = new ConcurrentHashMap<>();

    /** A path as a held folder and a name relative to it, or (folder null) as itself, relative to the working folder. */
    record At(HeldFolder folder, String name) {
        int dirfd() {
            return folder == null ? AT_FDCWD : folder.fd();
        }
    }

    /** Holds {@code folder} open, refusing a link there; empty past {@link #MAX_HELD} or without /proc. */
    Optional<Path> hold(Path folder) throws IOException {
        if (!PROC_FD) {
            return Optional.empty();
        }
        if (count.incrementAndGet() > MAX_HELD) {
            count.decrementAndGet();
            return Optional.empty();
        }
        try (Call c = new Call()) {
            At at = at(folder);
            int fd = c.openAt(at.dirfd(), c.cString(at.name()), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0) {
                count.decrementAndGet();
                int e = c.errno();
                if (e == ELOOP) {
                    throw new FileSystemException(folder.toString(), null,
                            "a symbolic link is where a folder should be, and FileSync never writes through links");
                }
                throw Errno.error(e, folder, null);
            }
            HeldFolder held = new HeldFolder(fd);
            byPath.put(held.path(), held);
            return Optional.of(held.path());
        }
    }

    /** Closes the folder {@link #hold} gave {@code path} for; any other path is left alone. */
    void release(Path path) {
        HeldFolder held = byPath.remove(path);
        if (held != null) {
            held.close();
            count.decrementAndGet();
        }
    }

    /** {@code path} relative to the held folder it lies in, or as itself. */
    At at(Path path) {
        if (!byPath.isEmpty() && path.getNameCount() >= NAMES && path.startsWith(HeldFolder.procFd())) {
            HeldFolder folder = byPath.get(path.getRoot().resolve(path.subpath(0, NAMES)));
            if (folder != null) {
                return new At(folder, path.getNameCount() == NAMES ? "." : path.subpath(NAMES, path.getNameCount())
                        .toString());
            }
        }
        return new At(null, path.toString());
    }
}
