package io.filesync.cli;

import io.filesync.Tree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sync} in a real pseudo-terminal: a tmux pane of 40, 80 and 120 columns (its own tmux server, so no user's
 * session or configuration is touched), watched with {@code capture-pane} while the progress line is redrawn.
 * {@code -J} joins the rows a wrapped line spilled onto, so a line that wrapped shows as wider than the pane.
 */
class TerminalSizeTest {
    private static final int FILES = 600;
    private static final int SIZE = 200_000;
    /** A drawn progress line: optional bar, then the percent. */
    private static final Pattern PROGRESS = Pattern.compile("^(\\[[#.]+\\] +)? *\\d+%");

    @TempDir
    Path tmp;
    private Tmux tmux;

    @BeforeEach
    void source() throws Exception {
        assumeTrue(Tmux.onPath("tmux"), "tmux is not installed: the terminal-size test needs a pseudo-terminal it"
                + " can read back");
        byte[] block = new byte[SIZE];
        new Random(7).nextBytes(block);
        for (int i = 0; i < FILES; i++) {
            ByteBuffer.wrap(block).putInt(i);
            Path dir = Files.createDirectories(tmp.resolve("src/2009/" + String.format("%02d", i / 30)
                    + " album with a long name " + i / 30));
            Files.write(dir.resolve("IMG_" + String.format("%05d", i) + " at the beach, afternoon.jpg"), block);
        }
        Files.createDirectories(tmp.resolve("dst"));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 80, 120})
    void theProgressLineFitsThePaneAndIsRedrawnInPlace(int width) throws Exception {
        startSync(width);
        Set<String> drawn = watch(width, width, null);
        assertTrue(drawn.size() >= 3, "the progress line was redrawn several times: " + drawn + "\n" + history());
        assertFinishedWithNothingLeftBehind(width);
    }

    /** Narrowed mid-run: tmux re-wraps the line drawn at 120 columns onto three rows, which must all go. */
    @Test
    void theProgressLineFollowsTheTerminalWhenItIsResized() throws Exception {
        startSync(120);
        Set<String> drawn = watch(120, 40, () -> tmux.resize(40));
        assertTrue(drawn.stream().anyMatch(l -> l.length() > 40), "drawn at 120 columns first: " + drawn);
        assertTrue(drawn.stream().anyMatch(l -> l.length() < 40), "then at 40: " + drawn);
        assertFinishedWithNothingLeftBehind(40);
    }

    private void startSync(int width) throws Exception {
        List<String> java = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=io.filesync", "-p", System.getProperty("jdk.module.path"),
                "-m", "io.filesync/io.filesync.Main", "sync", tmp.resolve("src").toString(),
                tmp.resolve("dst").toString(), "--yes", "--threads", "1", "--fsync", "--verify", "--home",
                tmp.resolve("home").toString());
        // The pane stays open after the run so its screen can be read; the exit code goes to a file, written under
        // another name and renamed: `watch` stops as soon as the file exists, and once read it empty (CI, 05eff3b).
        String script = "LC_ALL=C.UTF-8 " + java.stream().map(Tmux::quote).collect(Collectors.joining(" "))
                + "; echo $? > " + Tmux.quote(tmp.resolve("exit.tmp").toString()) + " && mv "
                + Tmux.quote(tmp.resolve("exit.tmp").toString()) + " " + Tmux.quote(tmp.resolve("exit").toString())
                + "; sleep 600";
        tmux = new Tmux("sync", width, script);
    }

    /**
     * Captures the pane until the run ends, checking each capture: no progress line as wide as the pane, and at
     * most one of them (a stack of them would be the screen scrolling, as wrapped redraws do). After a progress
     * line has been seen, {@code resize} runs once and the pane is {@code widthAfter} wide from then on.
     * Returns the distinct progress lines seen.
     */
    private Set<String> watch(int width, int widthAfter, Step resize) throws Exception {
        Set<String> drawn = new LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int now = width;
        boolean resized = resize == null; // and redrawn at the new width since
        while (!Files.exists(tmp.resolve("exit"))) {
            assertTrue(System.nanoTime() < deadline, "the run did not finish: " + screen());
            List<String> rows = screen();
            List<String> progress = rows.stream().filter(r -> PROGRESS.matcher(r).find()).toList();
            if (resized) {
                // Sentences (the plan's summary) may wrap like any printed text; the line redrawn in place may not.
                for (String row : progress) {
                    assertTrue(ProgressLine.columns(row) < now, "a progress line as wide as the " + now
                            + "-column pane or wider:\n" + row + "\n" + String.join("\n", rows));
                }
                assertTrue(progress.size() <= 1, "the progress line was drawn more than once (the screen scrolled):\n"
                        + String.join("\n", rows));
                drawn.addAll(progress);
            } else if (!progress.isEmpty() && now == width) {
                drawn.addAll(progress);
                resize.run();
                now = widthAfter;
            } else if (progress.size() == 1 && ProgressLine.columns(progress.getFirst()) < now) {
                resized = true; // redrawn at the new width (after SIGWINCH and stty): checked strictly from here
                drawn.addAll(progress);
            }
            Thread.sleep(40);
        }
        return drawn;
    }

    private void assertFinishedWithNothingLeftBehind(int width) throws Exception {
        assertEquals(0, exitCode(), "the run completed:\n" + String.join("\n", screen()));
        List<String> all = List.of(history().split("\n"));
        assertTrue(all.stream().noneMatch(r -> PROGRESS.matcher(r).find()), "a progress line was left behind"
                + " at " + width + " columns:\n" + String.join("\n", all));
        assertTrue(all.stream().anyMatch(r -> r.startsWith("Done:")), String.join("\n", all));
        assertTrue(all.stream().anyMatch(r -> r.startsWith("Copied:      600 files")), String.join("\n", all));
    }

    private String history() throws Exception {
        return tmux.history();
    }

    private int exitCode() throws Exception {
        return Integer.parseInt(Files.readString(tmp.resolve("exit")).strip());
    }

    private List<String> screen() throws Exception {
        return tmux.screen();
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
    }

    private interface Step {
        void run() throws Exception;
    }
}
