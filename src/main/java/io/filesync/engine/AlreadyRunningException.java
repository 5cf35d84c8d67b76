package io.filesync.engine;

/** Another FileSync run holds the destination; the message names it. */
public final class AlreadyRunningException extends Exception {
    public AlreadyRunningException(String message) {
        super(message);
    }
}
