package io.filesync;

import io.filesync.cli.FileSyncCommand;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Build tooling, not a feature: the training run that makes the jlink image's AOT cache (src/build/train-aot.sh).
 * One JVM runs the commands a user runs (plan, plan --json, sync --verify, verify, help, bad usage), so the cache
 * holds what each of them loads and links. picocli is compiled from its sources for this reason: its jar's classes
 * (compiled for Java 5) never entered the cache. It ends with {@code System.exit}, as the launcher does, so the
 * classes the JDK loads on the way out are in the cache too.
 */
final class AotTraining {
    private AotTraining() {
    }

    /** {@code AotTraining SOURCE DEST HOME}: the folders of a small generated tree. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        String src = args[0], dst = args[1], home = args[2];
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
