package io.filesync.platform;

import java.io.IOException;

/**
 * Reading the source failed (an I/O error of the source's disk, not a change of the file): said apart from a
 * destination error, so the user knows which disk to distrust.
 */
public final class SourceReadException extends IOException {
    public SourceReadException(String message) {
        super(message);
    }
}
