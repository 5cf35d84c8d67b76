package io.filesync.ui;

import javafx.animation.AnimationTimer;

/**
 * A measuring aid, off unless {@code -Dfilesync.ui.probe=true}: once a second prints to stderr how many frames the
 * UI thread drew and the longest gap between two, so "the window never freezes" can be checked with numbers
 * (e.g. {@code FILESYNC_JAVA_OPTIONS=-Dfilesync.ui.probe=true filesync}).
 */
final class PulseProbe extends AnimationTimer {
    private long last;
    private long second;
    private long longest;
    private int frames;

    private static final boolean ASKED = Boolean.getBoolean("filesync.ui.probe");

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
        if (last != 0) {
            longest = Math.max(longest, now - last);
        }
        last = now;
        frames++;
        if (second == 0) {
            second = now;
        } else if (now - second >= 1_000_000_000L) {
            System.err.printf("ui-probe: %d frames/s, longest gap %d ms%n", frames, longest / 1_000_000);
            second = now;
            frames = 0;
            longest = 0;
        }
    }
}
