package io.filesync.ui;

import io.filesync.engine.ThisThread;
import javafx.animation.AnimationTimer;

import java.time.Duration;
import java.time.Instant;

/**
 * A measuring aid, off unless {@code -Dfilesync.ui.probe=true}: once a second prints to stderr how many frames the
 * UI thread drew and the longest gap between two, so "the window never freezes" can be checked with numbers
 * (e.g. {@code FILESYNC_JAVA_OPTIONS=-Dfilesync.ui.probe=true filesync}). On Linux it also says how much of that
 * gap the UI thread itself spent on the processor: the rest it was waiting (for a collection, for the renderer, or
 * for a processor that other threads and programs held).
 */
final class PulseProbe extends AnimationTimer {
    private static final boolean ASKED = Boolean.getBoolean("filesync.ui.probe");

    private long last;
    private long lastCpu;
    private long second;
    private long longest;
    private long longestCpu = -1;
    private int frames;

    static void startIfAsked() {
        if (ASKED) {
            new PulseProbe().start();
        }
    }

    /** When the probe is on, says that a step ended (e.g. "compared"), so a script can tell the phases apart. */
    static void mark(String what) {
        if (ASKED) {
            System.err.println("ui-probe: " + what);
        }
    }

    @Override
    public void handle(long now) {
        long cpu = ThisThread.processorNanos();
        if (last == 0) { // the window's first frame: how long the user waited for it
            ProcessHandle.current().info().startInstant().ifPresent(t -> mark("first frame "
                    + Duration.between(t, Instant.now()).toMillis() + " ms after the process started"));
        }
        if (last != 0 && now - last > longest) {
            longest = now - last;
            longestCpu = cpu < 0 || lastCpu < 0 ? -1 : cpu - lastCpu;
        }
        last = now;
        lastCpu = cpu;
        frames++;
        if (second == 0) {
            second = now;
        } else if (now - second >= 1_000_000_000L) {
            System.err.printf("ui-probe: %d frames/s, longest gap %d ms%s%n", frames, longest / 1_000_000,
                    longestCpu < 0 ? "" : " (UI thread busy " + longestCpu / 1_000_000 + " ms of it)");
            second = now;
            frames = 0;
            longest = 0;
            longestCpu = -1;
        }
    }
}
