package io.filesync.cli;

import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * JSON text made as UTF-8 bytes in one buffer and handed over 64 KiB at a time: to stdout's bytes where the text goes
 * out as UTF-8 anyway ({@link Stdout#utf8}), so that no char[] is filled and encoded again for it, else to the
 * Writer. A Writer itself, for what JsonWriter writes; the plan's entries are written with {@link #ascii},
 * {@link #string} and {@link #decimal}, which make nothing but the bytes of a name (bench/README.md, "Issue 19").
 */
final class JsonBytes extends Writer {
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private final OutputStream stream; // null: to writer
    private final PrintWriter writer;

    /** Before anything is written here, whatever {@code out} holds is sent on. */
    JsonBytes(PrintWriter out) {
        out.flush();
        this.stream = out instanceof Stdout s ? s.utf8() : null;
        this.writer = out;
    }

    /** Text that is ASCII, given as its bytes (a constant: made once). */
    void ascii(byte[] text) throws IOException {
        room(text.length);
        System.arraycopy(text, 0, buffer, used, text.length);
        used += text.length;
    }

    /** {@code s} as a JSON string: as JsonWriter writes it (escaped by it, where anything in it needs escaping). */
    void string(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            // 0xE2 starts U+2028 and U+2029, which JsonWriter escapes (and the rest of U+2000 to U+2FFF: rare in names)
            if (x >= 0 && x < 0x20 || x == '"' || x == '\\' || x == (byte) 0xE2) {
                StringWriter escaped = new StringWriter();
                new JsonWriter(escaped).beginArray().value(s).endArray().flush();
                write(escaped.getBuffer().substring(1, escaped.getBuffer().length() - 1));
                return;
            }
        }
        room(b.length + 2);
        buffer[used++] = '"';
        System.arraycopy(b, 0, buffer, used, b.length);
        used += b.length;
        buffer[used++] = '"';
    }

    /** {@code n} (not negative) in decimal. */
    void decimal(long n) throws IOException {
        room(20);
        int digits = 1;
        for (long m = n; m >= 10; m /= 10) {
            digits++;
        }
        for (int i = used + digits - 1; i >= used; i--) {
            buffer[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        used += digits;
    }

    @Override
    public void write(int c) throws IOException {
        if (c < 0x80) {
            room(1);
            buffer[used++] = (byte) c;
        } else {
            write(String.valueOf((char) c));
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        write(new String(chars, offset, length));
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        // JsonWriter hands over whole strings, or runs of one cut only at a character it escapes: never inside a pair
        // of surrogates.
        byte[] b = s.substring(offset, offset + length).getBytes(StandardCharsets.UTF_8);
        if (b.length > buffer.length) {
            handOver();
            send(b, b.length);
            return;
        }
        room(b.length);
        System.arraycopy(b, 0, buffer, used, b.length);
        used += b.length;
    }

    private void room(int n) throws IOException {
        if (used + n > buffer.length) {
            handOver();
        }
    }

    private void handOver() throws IOException {
        send(buffer, used);
        used = 0;
    }

    private void send(byte[] bytes, int length) throws IOException {
        if (stream != null) {
            stream.write(bytes, 0, length);
        } else {
            writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8)); // cut only between characters
        }
    }

    @Override
    public void flush() throws IOException {
        handOver();
        if (stream != null) {
            stream.flush();
        }
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
