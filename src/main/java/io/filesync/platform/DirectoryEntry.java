package io.filesync.platform;

import io.filesync.files.FileStat;

/**
 * One name in a folder listing, and what examining it found when the listing was asked to (see
 * {@link FileOps#scan}).
 *
 * @param name      the name as Java text; where the bytes are not valid UTF-8, with U+FFFD in their place
 * @param validText false when the name's bytes are not valid UTF-8: it cannot be reopened from {@code name}
 * @param stat      its metadata (links not followed); null when it was not examined or could not be
 * @param problem   why it could not be examined (it vanished, its path is too long...); null otherwise
 */
public record DirectoryEntry(String name, boolean validText, FileStat stat, java.io.IOException problem) {
    public DirectoryEntry(String name, boolean validText) {
        this(name, validText, null, null);
    }
}
