package io.filesync.platform;

import java.io.IOException;

/** The destination volume has no space (or quota) left: the whole run stops, not one failure per file. */
public final class DestinationFullException extends IOException {
    public DestinationFullException(String message) {
        super(message);
    }
}
