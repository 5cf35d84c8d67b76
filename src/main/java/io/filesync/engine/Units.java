package io.filesync.engine;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates and durations as people read them. */
public final class Units {
    private Units() {
    }

    public static String bytes(long b) {
        if (b < 1000) {
            return b + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = b;
        int i = -1;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[i]);
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    public static String files(long n) {
        return n == 1 ? "1 file" : n + " files";
    }

    /** Plan entries, which may be folders, links, pipes… as well as files. */
    public static String entries(long n) {
        return n == 1 ? "1 entry" : n + " entries";
    }
}
