package io.filesync.engine.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Logs, reports and checkpoints list the user's file names: they are created readable by their owner only. */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    static BufferedWriter writer(Path file, boolean append) throws IOException {
        createPrivate(file);
        OpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.WRITE, mode,
                LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8), 1 << 16);
    }

    public static void createPrivate(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile by another run: fine
            }
        }
    }
}
