package io.filesync.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The command line's stdout: the PrintWriter picocli prints through (text in the default charset, as
 * {@code new PrintWriter(System.out, true)} writes it), which also hands out the bytes beneath it, for output made as
 * UTF-8 bytes in the first place (a plan's JSON: {@link JsonBytes}).
 */
final class Stdout extends PrintWriter {
    private final OutputStream bytes;

    Stdout(OutputStream bytes) {
        super(bytes, true);
        this.bytes = bytes;
    }

    /** The stream beneath, where the text goes out as UTF-8 (Java's default charset since 18); else null. */
    OutputStream utf8() {
        return Charset.defaultCharset().equals(StandardCharsets.UTF_8) ? bytes : null;
    }
}
