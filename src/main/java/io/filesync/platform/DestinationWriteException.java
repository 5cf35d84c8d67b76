package io.filesync.platform;

import java.io.IOException;

/**
 * Writing, flushing or naming a copy on the destination failed (an I/O error of the backup disk, or the disk is
 * gone): said apart from a source error, so the user knows which disk to distrust.
 *
 * @see DestinationFullException for a destination without space
 */
public final class DestinationWriteException extends IOException {
    private final boolean gone;

    public DestinationWriteException(String message, boolean gone) {
        super(message);
        this.gone = gone;
    }

    /** The error itself says the device is no longer there (ENODEV, ENXIO, ENOTCONN, ESHUTDOWN). */
    public boolean deviceGone() {
        return gone;
    }
}
