package io.filesync.engine;

/** A count of files and their bytes. */
public record Tally(long files, long bytes) {
    public static final Tally ZERO = new Tally(0, 0);

    public Tally plus(long size) {
        return new Tally(files + 1, bytes + size);
    }

    public Tally plus(Tally other) {
        return new Tally(files + other.files, bytes + other.bytes);
    }
}
