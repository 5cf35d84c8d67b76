package io.filesync.engine;

/** How a source file finds its counterpart in the destination. */
public enum MatchMode {
    /** Same relative path (the default). */
    PATH,
    /** Same file name anywhere in the destination, for a destination that was reorganised. */
    NAME
}
