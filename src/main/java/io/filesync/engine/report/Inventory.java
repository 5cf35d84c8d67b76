package io.filesync.engine.report;

import io.filesync.files.FileStat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The destination inventory: every entry found in the destination, one line each
 * ({@code kind<TAB>size<TAB>modified<TAB>path}), in the order the walk's threads find them. Written while scanning,
 * so it costs no memory beyond a buffer per scanning thread: each thread gathers its lines and writes them 64 KB at
 * a time (one shared writer per line made the threads queue on its lock; a 200,000-entry scan spent about a tenth of
 * its CPU there). Call {@link #close} once the walk is over.
 */
public final class Inventory implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private final Writer out;
    private final Queue<StringBuilder> buffers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<StringBuilder> local = ThreadLocal.withInitial(() -> {
        StringBuilder b = new StringBuilder(CHUNK + 1024);
        buffers.add(b);
        return b;
    });

    Inventory(Writer out) {
        this.out = out;
    }

    public void record(String path, FileStat stat) {
        StringBuilder b = local.get();
        b.append(stat.isFolder() ? "folder" : stat.isFile() ? "file" : stat.kind().name().toLowerCase()).append('\t')
                .append(stat.isFile() ? stat.size() : 0).append('\t');
        IsoInstant.append(b, stat.times().modified()).append('\t').append(Escape.path(path)).append('\n');
        if (b.length() >= CHUNK) {
            drain(b);
        }
    }

    public void unreadable(String path, String reason) {
        StringBuilder b = local.get();
        b.append("unreadable\t\t\t").append(Escape.path(path.isEmpty() ? "." : path)).append("\t(").append(reason)
                .append(")\n");
        drain(b);
    }

    private void drain(StringBuilder b) {
        try {
            synchronized (out) {
                out.append(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.setLength(0);
    }

    @Override
    public void close() throws IOException {
        try {
            for (StringBuilder b : buffers) {
                drain(b);
            }
        } catch (UncheckedIOException e) {
            out.close();
            throw e.getCause();
        }
        out.close();
    }
}
