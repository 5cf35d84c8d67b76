package io.filesync.engine.report;

import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncPair;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

/**
 * The three logs the original FileSync kept, under the FileSync home:
 * <ul>
 *   <li>{@code filesync.log}: every operation and error, appended, each run headed with the time and the pair
 *       (rolled over to {@code filesync.log.1} past 20 MB);</li>
 *   <li>{@code destination-inventory.log}: every entry found in the destination by the latest scan (rewritten by
 *       each scan: a snapshot, so that scheduled runs over large backups do not grow it without end);</li>
 *   <li>{@code missing-from-destination.log}: files a checkpoint says were copied but that the destination no
 *       longer has, appended per run.</li>
 * </ul>
 */
public final class RunLogs implements AutoCloseable {
    private static final long ROLL_OVER = 20L << 20;
    private final FilesyncHome home;
    private final Clock clock;
    private final BufferedWriter main;
    private final String header;

    public RunLogs(FilesyncHome home, SyncPair pair, String what, Clock clock) throws IOException {
        this.home = home;
        this.clock = clock;
        Path log = home.mainLog();
        if (Files.exists(log) && Files.size(log) > ROLL_OVER) {
            Files.move(log, log.resolveSibling("filesync.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        this.header = "==== " + clock.instant() + " " + what + " " + pair.source() + " -> " + pair.destination();
        this.main = PrivateFiles.writer(log, true);
        line(header);
    }

    public Path mainLog() {
        return home.mainLog();
    }

    /** One line of the main log, stamped with the time. */
    public void info(String message) {
        line(IsoInstant.append(new StringBuilder(32 + message.length()), clock.instant()).append(' ').append(message)
                .toString());
    }

    /** An error with its stack trace, for a programming error: the lines a bug report needs. */
    public void error(String message, Throwable bug) {
        java.io.StringWriter trace = new java.io.StringWriter();
        bug.printStackTrace(new java.io.PrintWriter(trace));
        error(message + "\n" + trace.toString().stripTrailing());
    }

    public void error(String message) {
        line(IsoInstant.append(new StringBuilder(38 + message.length()), clock.instant()).append(" ERROR ")
                .append(message).toString());
    }

    private void line(String s) {
        try {
            synchronized (main) {
                main.write(s);
                main.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The main log " + home.mainLog() + " cannot be written", e);
        }
    }

    public Inventory openInventory() throws IOException {
        BufferedWriter w = PrivateFiles.writer(home.inventoryLog(), false);
        w.write(header + '\n');
        w.write("kind\tsize\tmodified\tpath\n");
        return new Inventory(w);
    }

    public void missing(List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return;
        }
        try (BufferedWriter w = PrivateFiles.writer(home.missingLog(), true)) {
            w.write(header + '\n');
            w.write("# " + paths.size() + " file(s) an earlier run copied are no longer in the destination;"
                    + " they are pending again\n");
            for (String p : paths) {
                w.write(Escape.path(p));
                w.write('\n');
            }
        }
        info(paths.size() + " file(s) copied by an earlier run are missing from the destination: listed in "
                + home.missingLog());
    }

    public void flush() {
        try {
            synchronized (main) {
                main.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (main) {
            main.close();
        }
    }
}
