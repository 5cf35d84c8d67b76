package io.filesync.platform;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Locale;

/**
 * The source file is open in another program that keeps others from reading it: Windows' sharing violation
 * (ERROR_SHARING_VIOLATION, 32: the other program opened it without FILE_SHARE_READ) when it is opened, or its lock
 * violation (ERROR_LOCK_VIOLATION, 33: a byte range locked with LockFileEx) when it is read. The JDK passes neither
 * code on: opening gives a FileSystemException whose reason is the system's message for it (WindowsException
 * translateToIOException), reading an IOException with that message (the channel's read). Those messages are in the
 * system's language; the English ones are recognised here, and any other stays the system's own sentence, which the
 * user reads in their language. Linux and macOS lock only by agreement (flock, fcntl), which never stops a reader.
 */
public final class SourceLockedException extends FileSystemException {
    /** FormatMessage's English text for errors 32 and 33, in part. */
    private static final List<String> WINDOWS_WORDS = List.of("being used by another process",
            "another process has locked a portion of the file");

    static final String REASON = "it is open in another program that keeps others from reading it (locked); close"
            + " that program and run the sync again";

    private SourceLockedException(String file) {
        super(file, null, REASON);
    }

    /** {@code e} as a {@link SourceLockedException} when it says the file is locked by another program, else null. */
    public static SourceLockedException of(String file, IOException e) {
        String said = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (said == null) {
            return null;
        }
        String lower = said.toLowerCase(Locale.ROOT);
        if (WINDOWS_WORDS.stream().noneMatch(lower::contains)) {
            return null;
        }
        SourceLockedException locked = new SourceLockedException(file);
        locked.initCause(e);
        return locked;
    }
}
