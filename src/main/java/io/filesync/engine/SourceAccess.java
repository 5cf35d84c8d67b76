package io.filesync.engine;

/**
 * What became of the source's access times, said the same way by the command line and the window. Linux reads with
 * O_NOATIME, which writes nothing; Windows and macOS (the portable file operations) cannot read a file without its
 * access time moving where the volume records it, so FileSync sets it back, which writes the file's metadata.
 */
public final class SourceAccess {
    private SourceAccess() {
    }

    /** For {@link RunSummary#sourceAccessPutBack()} files, more than none. */
    public static String sentence(long putBack) {
        return "the access time of " + Units.files(putBack) + " in the source moved when "
                + (putBack == 1 ? "it was" : "they were") + " read (this system cannot read a file without that) and"
                + " was set back as it was, which wrote to " + (putBack == 1 ? "that file's" : "those files'")
                + " metadata (" + (putBack == 1 ? "its" : "their") + " change time moved)";
    }
}
