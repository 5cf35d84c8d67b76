package io.filesync.platform;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static io.filesync.platform.Libc.*;

/** A system call's errno as the exception the engine tells apart: the file's own problem, a full, gone or failing disk. */
final class Errno {
    private Errno() {
    }

    /**
     * A failure of the source's disk, said apart from the destination's. Permission denied and a vanished file keep
     * their own exceptions (they are about the file, not the disk).
     */
    static IOException sourceError(int errno, Path path) {
        if (errno == ENOENT || errno == EACCES || errno == EPERM) {
            return error(errno, path, null);
        }
        return new SourceReadException("reading the source failed (" + strerror(errno)
                + "): the source disk may be failing");
    }

    /**
     * A failure of the destination's disk while {@code doing} something to a copy: full, gone (the device is no
     * longer there) or failing. Permission denied and a file too large keep their own exceptions.
     */
    static IOException destinationError(int errno, Path path, String doing) {
        if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG || errno == EACCES || errno == EPERM
                || errno == EEXIST) {
            return error(errno, path, doing + " failed");
        }
        boolean gone = errno == ENODEV || errno == ENXIO || errno == ENOTCONN || errno == ESHUTDOWN;
        return new DestinationWriteException(doing + " on the destination failed (" + strerror(errno) + "): "
                + (gone ? "the backup disk is no longer there" : "the backup disk may be failing"), gone);
    }

    static IOException error(int errno, Path path, String what) {
        String reason = strerror(errno);
        String file = path == null ? null : path.toString();
        if (errno == ENOSPC || errno == EDQUOT) {
            return new DestinationFullException("the destination is full (" + reason + ")");
        }
        return switch (errno) {
            case EFBIG -> new FileSystemException(file, null, "the file is too large for the destination volume");
            case ENOENT -> new NoSuchFileException(file, null, reason);
            case EEXIST -> new FileAlreadyExistsException(file, null, reason);
            case EACCES, EPERM -> new AccessDeniedException(file, null, reason);
            default -> new FileSystemException(file, null, what == null ? reason : what + ": " + reason);
        };
    }
}
