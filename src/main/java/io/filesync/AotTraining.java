package io.filesync;

import io.filesync.cli.FileSyncCommand;
import io.filesync.ui.WindowTraining;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build tooling, not a feature: the training runs that make the jlink image's two AOT caches
 * (src/build/train-aot.sh). {@code commands}: one JVM runs the commands a user runs (plan, plan --json,
 * sync --verify, verify, help, bad usage), so the commands' cache holds what each of them loads and links.
 * picocli is compiled from its sources for this reason: its jar's classes (compiled for Java 5) never entered the
 * cache. {@code window}: opens the window ({@link WindowTraining}) for the window's own cache. Two caches, because
 * one trained on both was twice the size and made every command start slower (bench/README.md, "Figures behind the
 * design"). It ends with {@code System.exit}, as the launcher does, so the classes the JDK loads on the way
 * out are in the cache too.
 */
final class AotTraining {
    private AotTraining() {
    }

    /** {@code AotTraining commands|window SOURCE DEST HOME}: the folders of a small generated tree. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        String src = args[1], dst = args[2], home = args[3];
        if (args[0].equals("window")) {
            // The window starts through the command line's parser (no command: open the window), so its classes
            // belong in the window's cache too; --help loads them without opening anything.
            FileSyncCommand.execute(new String[] {"--help"}, null);
            try {
                if (!WindowTraining.run(Path.of(src), Path.of(dst), Path.of(home))) {
                    out.println("AOT training: the window's sync did not end within a minute.");
                    System.exit(1);
                }
                try (var copied = Files.walk(Path.of(dst))) {
                    out.println("AOT training opened the window, compared and synced "
                            + copied.filter(Files::isRegularFile).count() + " files.");
                }
            } catch (Exception | Error e) {
                out.println("AOT training could not open the window: " + e);
                System.exit(1);
            }
            System.exit(0);
        }
        String[][] commands = {
                {"--version"}, {"--help"}, {"plan", "--bogus"}, {"sync", "--threads", "0", src, dst},
                {"plan", src, dst, "--home", home}, {"plan", src, dst, "--json", "--home", home},
                {"sync", src, dst, "--yes", "--verify", "--home", home},
                {"verify", src, dst, "--home", home},
        };
        for (String[] c : commands) {
            FileSyncCommand.execute(c, null);
        }
        out.println("AOT training ran " + commands.length + " commands.");
        System.exit(0);
    }
}
