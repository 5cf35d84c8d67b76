package io.filesync.platform;

import java.io.IOException;

/** The source file is not what the scan saw (size, modification time or kind changed, or it vanished). */
public final class SourceChangedException extends IOException {
    public SourceChangedException(String message) {
        super(message);
    }
}
