package io.filesync.engine;

/** What became of one timestamp on a copy, found by reading it back after setting it. */
public enum TimeKept {
    /** Read back identical, to the nanosecond. */
    EXACT("kept"),
    /** Read back equal within what the destination volume can store (2 s on FAT, 10 ms on exFAT…). */
    TO_RESOLUTION("kept to the volume's resolution"),
    /** The destination cannot hold it (a creation time on Linux ext4, btrfs, xfs, tmpfs). */
    NOT_SUPPORTED("not kept: the destination cannot store it"),
    /**
     * The file system cannot hold it, so the original is kept in the copy's {@code user.filesync.crtime} attribute
     * (read back identical), where FileSync finds it when the copy is backed up in turn.
     */
    KEPT_ASIDE("not kept by the file system, which cannot store it; kept in the copy's user.filesync.crtime"
            + " attribute"),
    /** The source has none to keep (its file system records no creation time). */
    NO_SOURCE_VALUE("the source has none"),
    /** It was set but reads back different: the volume changed it. */
    LOST("not kept: the destination changed it");

    private final String words;

    TimeKept(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean kept() {
        return this == EXACT || this == TO_RESOLUTION;
    }
}
