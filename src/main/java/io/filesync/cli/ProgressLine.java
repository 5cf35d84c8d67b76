package io.filesync.cli;

import io.filesync.engine.Units;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The progress line's text for a terminal of a given width: a pure function of the width, the counts and the
 * current file's name, so every width can be tested without a terminal.
 *
 * <p>The line is at most {@code width - 1} columns: writing into the last column leaves many terminals waiting to
 * wrap, and the next {@code \r} then lands on a new row. As the width shrinks the line drops, in this order, the
 * bar's length, the files left, the bytes left, the rate, the bar and the word "files"; the current file's name
 * gets what is left and is shortened in the middle, keeping its own name after the last '/'.
 */
final class ProgressLine {
    /** Below this many columns the name is not worth showing (unless it is shorter). */
    static final int MIN_NAME = 16;

    /**
     * What the line shows.
     *
     * @param eta null while unknown (nothing copied yet)
     */
    record Counts(long doneFiles, long totalFiles, long doneBytes, long totalBytes, long bytesPerSecond,
                  Duration eta) {
        double fraction() {
            double f = totalBytes > 0 ? (double) doneBytes / totalBytes
                    : totalFiles > 0 ? (double) doneFiles / totalFiles : 1;
            return Math.max(0, Math.min(1, f));
        }
    }

    private ProgressLine() {
    }

    /** The line for a terminal {@code width} columns wide; never more than {@code width - 1} columns. */
    static String fit(int width, Counts c, String name, Locale locale) {
        int max = Math.max(1, width - 1);
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        String shown = printable(name);
        String percent = String.format(Locale.ROOT, "%3.0f%%", c.fraction() * 100);
        String of = n.format(c.doneFiles()) + " of " + n.format(c.totalFiles()) + " files";
        String left = n.format(Math.max(0, c.totalFiles() - c.doneFiles())) + " left";
        String bytesLeft = Units.bytes(Math.max(0, c.totalBytes() - c.doneBytes())) + " left";
        String rate = Units.bytes(c.bytesPerSecond()) + "/s";
        String eta = "ETA " + (c.eta() == null ? "--:--" : Units.duration(c.eta()));
        String shortOf = n.format(c.doneFiles()) + "/" + n.format(c.totalFiles());
        List<String> variants = List.of(
                bar(c, 20) + " " + percent + "  " + String.join(", ", of, left, bytesLeft, rate, eta),
                bar(c, 10) + " " + percent + "  " + String.join(", ", of, left, bytesLeft, rate, eta),
                bar(c, 10) + " " + percent + "  " + String.join(", ", of, bytesLeft, rate, eta),
                bar(c, 10) + " " + percent + "  " + String.join(", ", of, rate, eta),
                percent + "  " + String.join(", ", of, rate, eta),
                percent + "  " + String.join(", ", of, eta),
                percent + " " + shortOf + " files, " + eta,
                percent + " " + shortOf + ", " + eta,
                percent + " " + shortOf,
                percent);
        // First the richest counts that leave the name some room, then the richest that fit without it.
        int nameRoom = Math.min(columns(shown), MIN_NAME);
        for (String v : variants) {
            int room = max - columns(v) - 2;
            if (!shown.isEmpty() && room >= nameRoom) {
                return v + "  " + middle(shown, room);
            }
        }
        for (String v : variants) {
            if (columns(v) <= max) {
                return v;
            }
        }
        return cut(percent, max);
    }

    /** The scanning line, fitted the same way. */
    static String scanning(int width, long sourceEntries, long destinationEntries, Locale locale) {
        int max = Math.max(1, width - 1);
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        String s = n.format(sourceEntries), d = n.format(destinationEntries);
        for (String v : List.of("Scanning: " + s + " entries in the source, " + d + " in the destination",
                "Scanning: " + s + " source, " + d + " destination entries",
                "Scanning: " + s + " / " + d + " entries")) {
            if (columns(v) <= max) {
                return v;
            }
        }
        return cut("Scanning: " + s + " / " + d, max);
    }

    private static String bar(Counts c, int length) {
        int filled = (int) Math.round(c.fraction() * length);
        return "[" + "#".repeat(filled) + ".".repeat(length - filled) + "]";
    }

    /** A name with control characters (a newline in a file name, an escape) shown harmlessly. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (cp == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(cp)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /**
     * {@code name} in at most {@code max} columns, shortened in the middle: "2009/02 alb…/IMG_01033.jpg" keeps the
     * start of the folders and the whole file name; a file name too long for that keeps its start and its end.
     */
    static String middle(String name, int max) {
        if (columns(name) <= max) {
            return name;
        }
        if (max <= 1) {
            return max == 1 ? "…" : "";
        }
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            String tail = name.substring(slash);
            int headRoom = max - 1 - columns(tail);
            if (headRoom >= 1) {
                return cut(name.substring(0, slash), headRoom) + "…" + tail;
            }
        }
        int tailRoom = (max - 1) / 2;
        return cut(name, max - 1 - tailRoom) + "…" + last(name, tailRoom);
    }

    /** The start of {@code s} that fits {@code max} columns. */
    static String cut(String s, int max) {
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int cp : s.codePoints().toArray()) {
            int w = columns(cp);
            if (used + w > max) {
                break;
            }
            b.appendCodePoint(cp);
            used += w;
        }
        return b.toString();
    }

    private static String last(String s, int max) {
        int[] cps = s.codePoints().toArray();
        List<Integer> kept = new ArrayList<>();
        int used = 0;
        for (int i = cps.length - 1; i >= 0; i--) {
            int w = columns(cps[i]);
            if (used + w > max) {
                break;
            }
            kept.addFirst(cps[i]);
            used += w;
        }
        StringBuilder b = new StringBuilder();
        kept.forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Columns a terminal gives {@code s}. */
    static int columns(String s) {
        return s.codePoints().map(ProgressLine::columns).sum();
    }

    /**
     * Columns a terminal gives one code point: none for combining marks, two for East Asian wide and fullwidth
     * characters and emoji (the ranges wcwidth treats as wide), one otherwise.
     */
    static int columns(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp == 0x200B) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E)
                || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
