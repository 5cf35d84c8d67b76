package io.filesync.platform;

import io.filesync.files.FileStat;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static io.filesync.platform.Errno.destinationError;
import static io.filesync.platform.Errno.sourceError;
import static io.filesync.platform.Libc.*;

/**
 * Bytes that pass through Java's memory: a copy with {@code --verify} (digested on the way, then read back and
 * digested again), a copy where the kernel copies nothing between the two files, and a file's SHA-256.
 */
final class Digests {
    private static final long BUFFER = 1L << 20;

    private Digests() {
    }

    static long copyVerified(Call c, int in, int out, CopyRequest r, CopyProgress progress) throws IOException {
        MessageDigest source = sha256();
        long bytes = copyThroughBuffer(c, in, out, r, progress, source);
        MessageDigest copy = sha256();
        int check = c.open(c.cString(r.temp().toString()), O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (check < 0) {
            throw destinationError(c.errno(), r.temp(), "reading the copy back");
        }
        try {
            MemorySegment buf = c.arena.allocate(BUFFER, 4096);
            long n;
            while ((n = c.read(check, buf, BUFFER)) > 0) {
                copy.update(buf.asSlice(0, n).asByteBuffer());
            }
            if (n < 0) {
                throw destinationError(c.errno(), r.temp(), "reading the copy back");
            }
        } finally {
            c.close(check);
        }
        if (!Arrays.equals(source.digest(), copy.digest())) {
            throw new IOException("the copy's checksum differs from the source's: the destination did not store"
                    + " the bytes that were written");
        }
        return bytes;
    }

    static long copyThroughBuffer(Call c, int in, int out, CopyRequest r, CopyProgress progress,
                                  MessageDigest digest) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(BUFFER, 4096);
            long total = 0;
            long sinceReport = 0;
            while (true) {
                long n = c.read(in, buf, BUFFER);
                if (n < 0) {
                    throw sourceError(c.errno(), r.source());
                }
                if (n == 0) {
                    if (sinceReport > 0) {
                        progress.copied(sinceReport);
                    }
                    return total;
                }
                if (digest != null) {
                    digest.update(buf.asSlice(0, n).asByteBuffer());
                }
                long off = 0;
                while (off < n) {
                    long w = c.write(out, buf.asSlice(off), n - off);
                    if (w < 0) {
                        throw destinationError(c.errno(), r.temp(), "writing the copy");
                    }
                    off += w;
                }
                total += n;
                sinceReport += n;
                if (sinceReport >= CopyProgress.CHUNK) {
                    progress.copied(sinceReport);
                    sinceReport = 0;
                }
            }
        }
    }

    /** SHA-256 of {@code file}'s content; where it could not be read with O_NOATIME, its access time is put back. */
    static byte[] of(Path file, FileOps ops) throws IOException {
        try (Call c = new Call()) {
            MemorySegment name = c.cString(file.toString());
            int fd = c.open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOATIME, 0);
            boolean noAtime = true;
            if (fd < 0 && c.errno() == EPERM) {
                noAtime = false;
                fd = c.open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
            }
            if (fd < 0) {
                throw Errno.error(c.errno(), file, null);
            }
            FileStat before;
            MessageDigest d = sha256();
            try {
                before = Statx.of(c, fd, file);
                if (!before.isFile()) {
                    throw new IOException(file + " is not a regular file");
                }
                MemorySegment buf = c.arena.allocate(BUFFER, 4096);
                long n;
                while ((n = c.read(fd, buf, BUFFER)) > 0) {
                    d.update(buf.asSlice(0, n).asByteBuffer());
                }
                if (n < 0) {
                    throw Errno.error(c.errno(), file, "reading failed");
                }
            } finally {
                c.close(fd);
            }
            if (!noAtime) {
                PortableFileOps.putBackAccessTime(ops, file, before.times());
            }
            return d.digest();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
