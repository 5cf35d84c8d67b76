package io.filesync.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tmux server of the test's own (so no user's session or configuration is touched) with one session: a real
 * pseudo-terminal whose screen is read back with {@code capture-pane}. {@code .ci/run} installs tmux; elsewhere a
 * test that needs it is skipped, saying why.
 */
final class Tmux implements AutoCloseable {
    private final String server = "filesync-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session;

    /** Starts {@code command} (run by {@code sh -c}) in a session {@code columns} wide and 24 rows high. */
    Tmux(String session, int columns, String command) throws Exception {
        assumeTrue(onPath("tmux"), "tmux is not installed: this test needs a pseudo-terminal it can read back");
        this.session = session;
        run("-f", "/dev/null", "new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", "24",
                "sh", "-c", command);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Types {@code keys} (tmux key names such as {@code Tab} and {@code Enter}, or literal text). */
    void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session, "--"));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** The visible rows, wrapped rows joined back into the line that was written. */
    List<String> screen() throws Exception {
        return new ArrayList<>(List.of(run("capture-pane", "-p", "-J", "-t", session).split("\n", -1)));
    }

    /** Everything the pane showed, scrolled off or not. */
    String history() throws Exception {
        return run("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", session);
    }

    /** Waits up to 10 s for a screen that {@code shows} accepts, and returns it. */
    String await(String what, Predicate<String> shows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String screen = String.join("\n", screen());
            if (shows.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                fail("the terminal did not show " + what + " within 10 s; it shows:\n" + screen);
            }
            Thread.sleep(50);
        }
    }

    void resize(int columns) throws Exception {
        run("resize-window", "-t", session, "-x", String.valueOf(columns), "-y", "24");
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tmux hung: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            new ProcessBuilder("tmux", "-L", server, "kill-server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
