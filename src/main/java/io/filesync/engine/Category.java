package io.filesync.engine;

/** Where the plan puts each source entry. One concept, one name: the table, the log and the report use these. */
public enum Category {
    /** The destination lacks it: it will be copied. */
    PENDING("pending"),
    /** The destination has it with the same size and modification time. */
    PRESENT("present"),
    /** The destination has something under that path or name that is not the same: reported, never overwritten. */
    DIFFERS("differs"),
    /**
     * Not copied, with a reason: links, FIFOs, sockets, devices, unreadable entries, unrepresentable names, names the
     * destination cannot hold (Windows' rules) and everything inside a folder so named.
     */
    SKIPPED("skipped"),
    /**
     * Not copied because another source entry takes its place: in name mode, two or more source files share this
     * name, so none of them can be matched safely; on a destination where case does not count, its name differs from
     * an earlier one of its folder only in case (with everything inside it, for a folder).
     */
    CONFLICT("conflict");

    private final String word;

    Category(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
