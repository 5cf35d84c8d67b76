package io.filesync.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The manual page and the shell completions, written when the image is built (pom.xml runs this between jlink and
 * jpackage), from the same model that prints {@code --help}, into the image's {@code share/}:
 * <ul>
 *   <li>{@code man/man1/filesync.1}: filesync(1) ({@link ManPage});</li>
 *   <li>{@code bash-completion/completions/filesync}: picocli's completion script for bash;</li>
 *   <li>{@code zsh/vendor-completions/_filesync}: zsh's ({@link ZshCompletion}).</li>
 * </ul>
 * The .deb's postinst links each where its reader looks (man, bash-completion, zsh's fpath on Debian).
 */
public final class Manual {
    private Manual() {
    }

    /** {@code Manual SHARE VERSION DATE}: writes the three files under SHARE. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("Usage: Manual SHARE_FOLDER VERSION DATE");
            System.exit(2);
        }
        write(Path.of(args[0]), args[1], args[2]);
    }

    static void write(Path share, String version, String date) throws IOException {
        CommandLine root = model();
        write(share.resolve("man/man1/filesync.1"), ManPage.of(root, version, date));
        write(share.resolve("bash-completion/completions/filesync"), bash(root));
        write(share.resolve("zsh/vendor-completions/_filesync"), ZshCompletion.of(root));
    }

    /** The whole command line's model, its descriptions as written (their variables not filled in). */
    static CommandLine model() {
        CommandLine root = FileSyncCommand.commandLine("", null);
        root.setInterpolateVariables(false);
        return root;
    }

    /**
     * An option's or a folder's description for a document read on other machines, its default filled in (no default
     * depends on the machine: --threads says its rule in words).
     */
    static String description(ArgSpec arg) {
        String d = String.join(" ", arg.description());
        return d.replace("${DEFAULT-VALUE}", String.valueOf(arg.defaultValue()));
    }

    static String bash(CommandLine root) {
        return AutoComplete.bash("filesync", root);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
