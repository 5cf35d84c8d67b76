package io.filesync.files;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;

/**
 * The three times a user sees on a file or folder. {@code created} is {@code null} when the file system does
 * not record one (the JDK would silently report the modification time instead; we do not).
 */
public record FileTimes(Instant modified, Instant accessed, Instant created) {
    public FileTimes {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(accessed, "accessed");
    }

    public boolean hasCreated() {
        return created != null;
    }

    public FileTime modifiedFileTime() {
        return FileTime.from(modified);
    }

    public FileTime accessedFileTime() {
        return FileTime.from(accessed);
    }

    public FileTime createdFileTime() {
        return created == null ? null : FileTime.from(created);
    }
}
