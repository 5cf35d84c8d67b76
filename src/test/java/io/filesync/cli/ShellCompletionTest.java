package io.filesync.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The completions the image ships ({@link Manual}), typed into real shells in a tmux pane: Tab after {@code filesync}
 * in bash (picocli's script, as bash-completion loads it) and in zsh (our {@code _filesync} on {@code fpath}, as
 * Debian's vendor-completions folder is). The shells are the judges: what they show on screen is what a user sees.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "only the .deb installs the manual page and the completions; this"
        + " test reads them with tmux, bash and zsh")
class ShellCompletionTest {
    @TempDir
    Path tmp;
    private Path share;
    private Tmux tmux;

    @BeforeEach
    void generate() throws Exception {
        share = tmp.resolve("share");
        Manual.write(share, "test", "2026-12-02");
        Files.createDirectories(tmp.resolve("Photos 2009"));
        Files.createDirectories(tmp.resolve("Backup"));
    }

    @AfterEach
    void close() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
    }

    @Test
    void bashCompletesCommandsOptionsValuesAndFolders() throws Exception {
        assumeTrue(Tmux.onPath("bash"), "no bash");
        tmux = new Tmux("bash", 120, "cd " + Tmux.quote(tmp.toString()) + " && PS1='$ ' exec bash --norc --noprofile");
        tmux.keys("source " + share.resolve("bash-completion/completions/filesync"), "Enter", "clear", "Enter");
        tmux.await("a prompt", s -> s.strip().equals("$"));

        tmux.keys("filesync s", "Tab");
        tmux.await("the command completed", s -> s.contains("$ filesync sync "));
        tmux.keys("--ve");
        String options = tabs("sync's options that start with --ve",
                s -> s.contains("--verbose") && s.contains("--verify") && s.contains("--version"));
        assertTrue(!options.contains("--json "), options);
        tmux.keys("C-u", "filesync plan --match ");
        tabs("--match's values", s -> s.contains("name") && s.contains("path"));
        tmux.keys("C-u", "filesync sync --yes Pho", "Tab");
        tmux.await("the folder completed", s -> s.contains("$ filesync sync --yes Photos\\ 2009/"));
    }

    @Test
    void zshCompletesCommandsWithTheirSummariesOptionsAndFolders() throws Exception {
        assumeTrue(Tmux.onPath("zsh"), "zsh is not installed (.ci/run installs it)");
        tmux = new Tmux("zsh", 160, "cd " + Tmux.quote(tmp.toString()) + " && exec zsh -f");
        tmux.keys("PS1='%% '; fpath=(" + share.resolve("zsh/vendor-completions") + " $fpath);"
                + " autoload -U compinit && compinit -u && clear", "Enter");
        tmux.await("a prompt", s -> s.strip().equals("%"));

        tmux.keys("filesync ", "Tab");
        String commands = tmux.await("the commands with their summaries",
                s -> s.contains("plan") && s.contains("sync") && s.contains("verify"));
        assertTrue(commands.contains("Show what a sync would do"), commands);
        assertTrue(commands.contains("Copy every file the destination is missing"), commands);
        tmux.keys("C-u", "filesync sync --ve");
        String options = tabs("sync's options that start with --ve",
                s -> s.contains("--verbose") && s.contains("--verify") && s.contains("--version"));
        assertTrue(options.contains("Print a line per file"), options);
        tmux.keys("C-c", "C-u", "filesync plan --match=", "Tab");
        tmux.await("--match's values", s -> s.contains("name") && s.contains("path"));
        tmux.keys("C-c", "C-u", "filesync sync --yes Pho", "Tab");
        tmux.await("the folder completed", s -> s.contains("% filesync sync --yes Photos\\ 2009/"));
    }

    /**
     * Presses Tab until the screen shows what {@code shows} accepts, as a user does: the first Tab inserts what all the
     * matches share (or rings the bell), a second one lists them; keys typed while the shell still completes the
     * first are not taken as a second press.
     */
    private String tabs(String what, java.util.function.Predicate<String> shows) throws Exception {
        for (int i = 0; i < 4; i++) {
            tmux.keys("Tab");
            Thread.sleep(400);
            if (shows.test(String.join("\n", tmux.screen()))) {
                break;
            }
        }
        return tmux.await(what, shows);
    }
}
