package io.filesync.ui;

import java.text.NumberFormat;
import java.util.Locale;

/** Numbers as the user's locale writes them: "1,650 files" in English, "1.650" in German, "1 650" in French. */
final class Counts {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private Counts() {
    }

    /** The window's locale for numbers (the desktop's "Formats" setting). */
    static Locale locale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    static String number(long n, Locale l) {
        return NumberFormat.getIntegerInstance(l).format(n);
    }

    static String files(long n, Locale l) {
        return number(n, l) + (n == 1 ? " file" : " files");
    }

    /** Bytes as {@link io.filesync.engine.Units#bytes} says them, with the locale's digits and decimal mark. */
    static String bytes(long b, Locale l) {
        if (b < 1000) {
            return number(b, l) + " B";
        }
        double v = b;
        int i = -1;
        while (v >= 1000 && i < UNITS.length - 1) {
            v /= 1000;
            i++;
        }
        NumberFormat f = NumberFormat.getNumberInstance(l);
        int decimals = v < 10 ? 2 : v < 100 ? 1 : 0;
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(v) + " " + UNITS[i];
    }
}
