package io.filesync.platform;

/**
 * One name in a folder listing.
 *
 * @param name      the name as Java text; where the bytes are not valid UTF-8, with U+FFFD in their place
 * @param validText false when the name's bytes are not valid UTF-8: it cannot be reopened from {@code name}
 */
public record DirectoryEntry(String name, boolean validText) {
}
