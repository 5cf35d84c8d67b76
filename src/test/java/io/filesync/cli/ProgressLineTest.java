package io.filesync.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line's text at the widths people use, from the seed case of issue 18. */
class ProgressLineTest {
    private static final ProgressLine.Counts SEED = new ProgressLine.Counts(687, 3000, 76_000_000, 244_000_000,
            255_000_000, Duration.ZERO);
    private static final String NAME = "2009/02 album 13/IMG_01033.jpg";

    @Test
    void at120ColumnsEverythingIsShownWithGroupedCounts() {
        String line = ProgressLine.fit(120, SEED, NAME, Locale.US);
        assertEquals("[######..............]  31%  687 of 3,000 files, 2,313 left, 168 MB left, 255 MB/s, ETA 0:00"
                + "  2009/02 al…/IMG_01033.jpg", line);
        assertEquals(119, line.length(), "the last column stays free");
    }

    @Test
    void at80ColumnsTheBarShrinksAndCountsGoBeforeTheNameIsCutBelowSixteenColumns() {
        String line = ProgressLine.fit(80, SEED, NAME, Locale.US);
        assertEquals("[###.......]  31%  687 of 3,000 files, 255 MB/s, ETA 0:00  2009/…/IMG_01033.jpg", line);
        assertTrue(ProgressLine.columns(line) <= 79, line);
        assertTrue(line.contains("3,000 files"), line);
        assertTrue(line.endsWith("IMG_01033.jpg"), "the file's own name is kept: " + line);
    }

    @Test
    void at40ColumnsThePercentCountsAndTheShortenedNameFit() {
        String line = ProgressLine.fit(40, SEED, NAME, Locale.US);
        assertTrue(ProgressLine.columns(line) <= 39, line);
        assertEquals(" 31% 687/3,000  2009/02 …/IMG_01033.jpg", line);
        assertTrue(line.startsWith(" 31%"), line);
        assertTrue(line.contains("687"), line);
        assertTrue(line.contains("…") && line.endsWith(".jpg"), "the name is shortened in the middle: " + line);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10, 20, 39, 40, 41, 59, 60, 79, 80, 81, 100, 119, 120, 121, 200, 400})
    void noLineIsWiderThanTheTerminalLessOneColumn(int width) {
        for (String name : new String[]{"", "a", NAME, "x".repeat(300), "日本語の写真/".repeat(20) + "写真.jpg",
                "line\nbreak/and\u001b[2Jescape.jpg", "e\u0301e\u0301/".repeat(50) + "z.jpg"}) {
            for (long done : new long[]{0, 1, 999, 1_234_567}) {
                var c = new ProgressLine.Counts(done, 9_876_543, done * 1000, 9_876_543_000L, 12_345_678,
                        done == 0 ? null : Duration.ofHours(27));
                String line = ProgressLine.fit(width, c, name, Locale.GERMANY);
                assertTrue(ProgressLine.columns(line) <= Math.max(1, width - 1), width + ": " + line);
                assertTrue(line.chars().noneMatch(ch -> ch < 0x20), "no control character is drawn: " + line);
            }
        }
        String scan = ProgressLine.scanning(width, 1_234_567, 7_654_321, Locale.US);
        assertTrue(scan.length() <= Math.max(1, width - 1), width + ": " + scan);
    }

    @Test
    void countsAreGroupedPerLocale() {
        var c = new ProgressLine.Counts(1234, 3000, 0, 0, 0, null);
        assertTrue(ProgressLine.fit(120, c, "", Locale.US).contains("1,234 of 3,000 files"));
        assertTrue(ProgressLine.fit(120, c, "", Locale.GERMANY).contains("1.234 of 3.000 files"));
        assertTrue(ProgressLine.fit(120, c, "", Locale.US).contains("ETA --:--"));
    }

    @Test
    void aNameIsShortenedInTheMiddleKeepingItsOwnName() {
        assertEquals("2009/02 alb…/IMG_01033.jpg", ProgressLine.middle(NAME, 26));
        assertEquals(NAME, ProgressLine.middle(NAME, NAME.length()));
        assertEquals("2009/02…033.jpg", ProgressLine.middle(NAME, 15));
        assertEquals("…", ProgressLine.middle(NAME, 1));
        assertEquals("写真…写真", ProgressLine.middle("写真写真写真写真写真写真", 10), "wide characters count twice");
    }
}
