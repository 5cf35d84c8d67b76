package io.filesync.engine;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer for one thread that gathers what it is given and hands it to {@code out} 64 Ki characters at a time.
 * Gson's JsonWriter writes each name, quote, colon and comma on its own, and the JDK's BufferedWriter and PrintWriter
 * take a lock and check they are open on every one of those calls: for a plan or run report of a million entries that
 * was most of the main thread's time (bench/README.md, "Issue 19"). Not safe for several threads, hence its name;
 * {@link #flush} hands over what is gathered and flushes {@code out}; {@link #close} does that and closes it.
 */
public final class UnsharedWriter extends Writer {
    private final Writer out;
    private final char[] buffer = new char[1 << 16];
    private int used;

    public UnsharedWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (used == buffer.length) {
            handOver();
        }
        buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (length >= buffer.length) {
            handOver();
            out.write(chars, offset, length);
            return;
        }
        if (used + length > buffer.length) {
            handOver();
        }
        System.arraycopy(chars, offset, buffer, used, length);
        used += length;
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == buffer.length) {
                handOver();
            }
            int n = Math.min(length, buffer.length - used);
            s.getChars(offset, offset + n, buffer, used);
            used += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    @Override
    public Writer append(CharSequence s) throws IOException {
        String text = String.valueOf(s);
        write(text, 0, text.length());
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    @Override
    public void flush() throws IOException {
        handOver();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            handOver();
        } finally {
            out.close();
        }
    }

    private void handOver() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
