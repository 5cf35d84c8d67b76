package io.filesync.files;

/** What a directory entry is, read without following links. */
public enum EntryKind {
    FILE("file"), FOLDER("folder"), SYMLINK("symbolic link"), FIFO("named pipe (FIFO)"), SOCKET("socket"),
    DEVICE("device"), OTHER("special file");

    private static final int S_IFMT = 0170000, S_IFREG = 0100000, S_IFDIR = 0040000, S_IFLNK = 0120000,
            S_IFIFO = 0010000, S_IFSOCK = 0140000, S_IFCHR = 0020000, S_IFBLK = 0060000;

    private final String words;

    EntryKind(String words) {
        this.words = words;
    }

    /** The kind in words a user understands, e.g. "named pipe (FIFO)". */
    public String words() {
        return words;
    }

    /** The kind a stat mode's type bits say (the same values on Linux and macOS). */
    public static EntryKind ofMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> FILE;
            case S_IFDIR -> FOLDER;
            case S_IFLNK -> SYMLINK;
            case S_IFIFO -> FIFO;
            case S_IFSOCK -> SOCKET;
            case S_IFCHR, S_IFBLK -> DEVICE;
            default -> OTHER;
        };
    }
}
