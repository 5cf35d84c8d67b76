package io.filesync.platform;

import io.filesync.platform.Libc.Call;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies made with {@code O_TMPFILE} ({@link CopyRequest#unnamed}): open and without a name until {@link Publisher}
 * links them to their final name, or they are discarded (closing one frees it: it leaves nothing behind, even when
 * the process is killed). Each is known by the temporary path the engine gave it. At most {@link #MAX_OPEN} at once,
 * so a batch waiting for its names cannot use up the process's descriptors; past that, copies get temporary names.
 */
final class UnnamedCopies {
    static final int MAX_OPEN = 1_024;

    private final Map<Path, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();

    /** Takes a place for one more; false when {@link #MAX_OPEN} are open. */
    boolean reserve() {
        if (reserved.incrementAndGet() > MAX_OPEN) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a place taken by {@link #reserve} whose copy was never registered. */
    void unreserve() {
        reserved.decrementAndGet();
    }

    void register(Path temp, int fd) {
        open.put(temp, fd);
    }

    /** The descriptor of the unnamed copy known as {@code temp}, or -1. */
    int fd(Path temp) {
        Integer fd = open.get(temp);
        return fd == null ? -1 : fd;
    }

    /** Closes the unnamed copy known as {@code temp} (named by now, or dropped); false if there is none. */
    boolean close(Path temp) {
        Integer fd = open.remove(temp);
        if (fd == null) {
            return false;
        }
        try (Call c = new Call()) {
            // Its bytes reached the device by the flush before it was named (syncfs, which reports write-back errors);
            // the local file systems that offer O_TMPFILE write nothing on close.
            c.close(fd);
        }
        reserved.decrementAndGet();
        return true;
    }
}
