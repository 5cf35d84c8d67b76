package io.filesync.engine;

/** The folders given cannot be synced; the message is one sentence for the user. Nothing was touched. */
public final class BadFoldersException extends Exception {
    public BadFoldersException(String message) {
        super(message);
    }
}
