package io.filesync.cli;

import io.filesync.engine.SyncOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * filesync(1) as the image ships it ({@link Manual}), read by man-db and groff, against {@code --help} (picocli's
 * own rendering of the same model): every option and folder each command's help names is in that command's part of
 * the page, and every exit code is under EXIT STATUS.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "only the .deb installs the manual page and the completions; this"
        + " test reads them with man-db and groff")
class ManPageTest {
    /** An option as --help lists it: "  -q, --quiet   Print…" or "      --home=DIR   Where…". */
    private static final Pattern HELP_OPTION = Pattern.compile("^ {2}(?:(-\\w), )? *(--[\\w-]+)(?:=(\\S+))?",
            Pattern.MULTILINE);

    @TempDir
    Path tmp;
    private Path page;

    @BeforeEach
    void generate() throws Exception {
        Manual.write(tmp.resolve("share"), "9.8.7", "2026-12-02");
        page = tmp.resolve("share/man/man1/filesync.1");
    }

    @Test
    void groffReadsItWithoutAWarning() throws Exception {
        assumeTrue(Tmux.onPath("groff"), "groff is not installed (.ci/run installs it)");
        Result r = run("groff", "-man", "-ww", "-z", page.toString());
        assertEquals(0, r.exit, r.text);
        assertEquals("", r.text, "groff's warnings");
    }

    @Test
    void manShowsTheSynopsisTheExitCodesAndTheVersion() throws Exception {
        String text = man();
        for (String command : List.of("plan", "sync", "verify")) {
            assertTrue(text.contains("filesync " + command + " [OPTIONS] SOURCE DEST"), text);
        }
        String exitStatus = section(text, "EXIT STATUS");
        for (int code = 0; code <= 3; code++) {
            assertTrue(Pattern.compile("(?m)^ +" + code + " +[A-Z]").matcher(exitStatus).find(),
                    "exit code " + code + ":\n" + exitStatus);
        }
        assertTrue(text.contains("FileSync 9.8.7"), "the version in the footer");
        assertTrue(text.contains("2026-12-02"), "the date in the footer");
        // The page is read on other machines than the one that built it: the rule, not this machine's count.
        assertTrue(text.replaceAll("\\s+", " ").contains("(default: " + SyncOptions.DEFAULT_THREADS_RULE + ")"),
                section(text, "COMMANDS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"filesync", "plan", "sync", "verify"})
    void everyOptionOfTheHelpIsInItsCommandsPart(String command) throws Exception {
        String help = help(command);
        String text = man();
        String part = command.equals("filesync") ? section(text, "OPTIONS") : subsection(text, "filesync " + command);
        List<String> names = new ArrayList<>();
        Matcher m = HELP_OPTION.matcher(help);
        while (m.find()) {
            String tag = (m.group(1) != null ? m.group(1) + ", " : "") + m.group(2)
                    + (m.group(3) != null ? "=" + m.group(3) : "");
            names.add(tag);
            assertTrue(Pattern.compile("(?m)^ {7}" + Pattern.quote(tag) + "(\\s|$)").matcher(part).find(),
                    "filesync " + command + " --help has " + tag + "; the man page's part lacks it:\n" + part);
        }
        assertTrue(names.size() >= 3, "options read from the help: " + names + "\n" + help);
        if (!command.equals("filesync")) {
            assertTrue(part.contains("SOURCE The folder to back up"), part);
            assertTrue(part.contains("DEST   The backup folder"), part);
        }
    }

    /** The page as {@code man} shows it: plain text, 100 columns, no hyphenation of the options' names. */
    private String man() throws Exception {
        assumeTrue(Tmux.onPath("man"), "man is not installed (.ci/run installs man-db)");
        Result r = run("man", "-l", page.toString());
        assertEquals(0, r.exit, r.text);
        assertFalse(r.text.isBlank());
        return r.text.replace('\u2010', '-').replace('\u2212', '-');
    }

    /** From a heading at the start of a line to the next one. */
    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading + ":\n" + text);
        Matcher next = Pattern.compile("\\n[A-Z][A-Z ]+\\n").matcher(text);
        return next.find(start + heading.length() + 2) ? text.substring(start, next.start()) : text.substring(start);
    }

    /** From a subsection heading (three spaces in) to the next subsection or section. */
    private static String subsection(String text, String heading) {
        int start = text.indexOf("\n   " + heading + "\n");
        assertTrue(start >= 0, "no subsection " + heading + ":\n" + text);
        Matcher next = Pattern.compile("\\n(   \\S|[A-Z])").matcher(text);
        return next.find(start + heading.length() + 4) ? text.substring(start, next.start()) : text.substring(start);
    }

    private static String help(String command) {
        StringWriter out = new StringWriter();
        String[] args = command.equals("filesync") ? new String[]{"--help"} : new String[]{command, "--help"};
        assertEquals(0, FileSyncCommand.execute(args, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
        return out.toString();
    }

    private record Result(int exit, String text) {
    }

    private static Result run(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MANWIDTH", "100");
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        return new Result(p.exitValue(), text);
    }
}
