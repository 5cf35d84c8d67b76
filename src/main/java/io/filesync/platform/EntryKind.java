package io.filesync.platform;

/** What a directory entry is, read without following links. */
public enum EntryKind {
    FILE("file"), FOLDER("folder"), SYMLINK("symbolic link"), FIFO("named pipe (FIFO)"), SOCKET("socket"),
    DEVICE("device"), OTHER("special file");

    private final String words;

    EntryKind(String words) {
        this.words = words;
    }

    /** The kind in words a user understands, e.g. "named pipe (FIFO)". */
    public String words() {
        return words;
    }
}
