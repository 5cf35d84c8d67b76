package io.filesync.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The command line's stdout: the PrintWriter picocli prints through (as {@code new PrintWriter(System.out, true)}
 * writes it), which also hands out the bytes beneath it, for output made as UTF-8 bytes in the first place (a plan's
 * JSON: {@link JsonBytes}).
 */
final class Stdout extends PrintWriter {
    private final OutputStream bytes;
    /** What this writer encodes in: PrintWriter takes a PrintStream's own (System.out's: stdout.encoding). */
    private final Charset charset;

    Stdout(OutputStream bytes) {
        super(bytes, true);
        this.bytes = bytes;
        this.charset = bytes instanceof PrintStream ps ? ps.charset() : Charset.defaultCharset();
    }

    /** The stream beneath, where this writer's text goes out as UTF-8 (the launcher sees to a UTF-8 locale); else null. */
    OutputStream utf8() {
        return charset.equals(StandardCharsets.UTF_8) ? bytes : null;
    }
}
