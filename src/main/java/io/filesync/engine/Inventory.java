package io.filesync.engine;

import io.filesync.platform.FileStat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The destination inventory: every entry found in the destination, one line each
 * ({@code kind<TAB>size<TAB>modified<TAB>path}). Written while scanning, so it costs no memory.
 */
final class Inventory implements AutoCloseable {
    static final Inventory NONE = new Inventory(Writer.nullWriter());
    private final Writer out;

    Inventory(Writer out) {
        this.out = out;
    }

    void record(String path, FileStat stat) {
        String line = (stat.isFolder() ? "folder" : stat.isFile() ? "file" : stat.kind().name().toLowerCase())
                + '\t' + (stat.isFile() ? stat.size() : 0) + '\t' + stat.times().modified() + '\t'
                + Escape.path(path) + '\n';
        write(line);
    }

    void unreadable(String path, String reason) {
        write("unreadable\t\t\t" + Escape.path(path.isEmpty() ? "." : path) + "\t(" + reason + ")\n");
    }

    private void write(String line) {
        try {
            synchronized (out) {
                out.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
