package io.filesync.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code --help} of every command, word for word, against src/test/resources/help/*.txt. The picocli models are
 * built by hand (Model), so nothing else notices a lost option, a changed description or a reflowed line.
 *
 * <p>After changing an option on purpose, rewrite the golden files and review them in the diff:
 * <pre>{@code
 * ./mvnw -q test -Dtest=HelpGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dfilesync.help.update=true
 * }</pre>
 * Updating still asserts that each file is non-empty and names every option of its command.
 */
class HelpGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."), "src/test/resources/help");
    private static final boolean UPDATE = Boolean.getBoolean("filesync.help.update");

    @ParameterizedTest
    @ValueSource(strings = {"filesync", "plan", "sync", "verify"})
    void helpMatchesItsGoldenFile(String command) throws IOException {
        String actual = help(command);
        assertTrue(actual.contains("Usage:"), actual);
        for (String option : optionNames(command)) {
            assertTrue(actual.contains(option), command + " --help does not name " + option + ":\n" + actual);
        }
        Path golden = GOLDEN.resolve(command + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden file " + golden + ": run with -Dfilesync.help.update=true"
                + " (see HelpGoldenTest's javadoc)");
        // Line endings as text: a Windows checkout may turn the golden files' into CRLF, picocli writes the OS's own.
        String expected = normalize(Files.readString(golden, StandardCharsets.UTF_8));
        if (!expected.equals(actual)) {
            fail(command + " --help differs from " + golden + " (- golden, + now). If the change is meant, rewrite"
                    + " the golden files with -Dfilesync.help.update=true (see HelpGoldenTest's javadoc).\n"
                    + diff(expected, actual));
        }
    }

    /** What {@code filesync [command] --help} prints, with no colours, \n line ends and no machine-dependent number. */
    private static String help(String command) {
        List<String> args = command.equals("filesync") ? List.of("--help") : List.of(command, "--help");
        StringWriter out = new StringWriter(), err = new StringWriter();
        String ansi = System.getProperty("picocli.ansi");
        System.setProperty("picocli.ansi", "false"); // a console (an IDE's, say) would get colour codes otherwise
        try {
            int exit = FileSyncCommand.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                    new PrintWriter(err, true));
            assertEquals(0, exit, err.toString());
        } finally {
            if (ansi == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", ansi);
            }
        }
        assertEquals("", err.toString());
        String text = normalize(out.toString());
        assertFalse(text.isBlank(), command + " --help printed nothing");
        return text;
    }

    /** Every option's names and, for the top command, the commands' names: each must appear in the help. */
    private static List<String> optionNames(String command) {
        CommandSpec spec = switch (command) {
            case "filesync" -> new FileSyncCommand(null).spec;
            case "plan" -> new PlanCommand().spec;
            case "sync" -> new SyncCommand().spec;
            case "verify" -> new VerifyCommand().spec;
            default -> throw new IllegalArgumentException(command);
        };
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(List.of(option.names()));
        }
        if (command.equals("filesync")) {
            names.addAll(List.of("plan", "sync", "verify"));
        }
        assertFalse(names.isEmpty());
        return names;
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n");
    }

    /** A line diff (longest common subsequence), each line prefixed with its golden-file line number. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList(), b = actual.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] > common[i + 1][j])) {
                out.append(String.format("%4d + %s%n", i + 1, b.get(j++)));
            } else {
                out.append(String.format("%4d - %s%n", i + 1, a.get(i++)));
            }
        }
        if (out.isEmpty()) { // same lines, different ends: a missing or extra final newline
            out.append("(only the end of the text differs: a final line break)\n");
        }
        return out.toString();
    }
}
