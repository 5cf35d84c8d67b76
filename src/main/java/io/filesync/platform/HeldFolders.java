package io.filesync.platform;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.filesync.platform.Libc.*;

/**
 * Destination folders held open for a run ({@link FileOps#hold}), reached through {@code /proc/self/fd/N/.}, and
 * paths below them turned into the folder's descriptor and a name relative to it, so the kernel does not look up
 * {@code /proc/self/fd/N} for every call.
 */
final class HeldFolders {
    /** Folders held open at once, at most: far below the usual descriptor limits; past it, plain paths. */
    private static final int MAX_HELD = 2048;
    /** What a held folder's path starts with: the folder's descriptor follows. */
    private static final String HELD = "/proc/self/fd/";
    private static final boolean PROC_FD = java.nio.file.Files.isDirectory(Path.of("/proc/self/fd"));
    private final AtomicInteger held = new AtomicInteger();

    Optional<Path> hold(Path folder) throws IOException {
        if (!PROC_FD || held.incrementAndGet() > MAX_HELD) {
            if (PROC_FD) {
                held.decrementAndGet();
            }
            return Optional.empty();
        }
        try (Call c = new Call()) {
            int fd = c.open(c.cString(folder.toString()), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0) {
                held.decrementAndGet();
                int e = c.errno();
                if (e == ELOOP) {
                    throw new FileSystemException(folder.toString(), null,
                            "a symbolic link is where a folder should be, and FileSync never writes through links");
                }
                throw Errno.error(e, folder, null);
            }
            return Optional.of(Path.of(HELD + fd + "/."));
        }
    }

    void release(Path heldPath) {
        String s = heldPath.toString();
        if (s.startsWith(HELD) && s.endsWith("/.")) {
            try (Call c = new Call()) {
                c.close(Integer.parseInt(s, HELD.length(), s.length() - 2, 10));
            }
            held.decrementAndGet();
        }
    }

    /**
     * A path as the held folder's descriptor and the rest of the path relative to it, so the kernel does not look
     * up {@code /proc/self/fd/N} for every call; any other path as itself (relative to the working folder).
     */
    At at(Path path) {
        return At.of(path);
    }

    record At(int dirfd, String name) {
        static At of(Path path) {
            String s = path.toString();
            if (s.startsWith(HELD)) {
                int dot = s.indexOf("/./", HELD.length());
                if (dot > HELD.length() && dot + 3 < s.length()) {
                    try {
                        return new At(Integer.parseInt(s, HELD.length(), dot, 10), s.substring(dot + 3));
                    } catch (NumberFormatException notHeld) {
                        // not one of ours: used as it is
                    }
                }
            }
            return new At(AT_FDCWD, s);
        }
    }
}
