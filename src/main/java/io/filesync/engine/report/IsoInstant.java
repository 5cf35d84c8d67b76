package io.filesync.engine.report;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC: {@code 2019-07-04T12:30:05.123456789Z}, the fraction in
 * groups of three digits, none when zero), written straight into a builder. The log stamps every line and the
 * destination inventory every entry this way; {@code Instant.toString} goes through the {@code DateTimeFormatter}
 * machinery, which was 1/15 of the CPU of a plan over 200,000 present files (async-profiler). Years outside
 * 0000-9999 are left to {@code Instant.toString}, which writes them with a sign.
 */
final class IsoInstant {
    private static final long SECONDS_0000_TO_1970 = 62_167_219_200L;
    private static final long SECONDS_10000_TO_1970 = 253_402_300_800L;

    private IsoInstant() {
    }

    static String of(Instant t) {
        return append(new StringBuilder(30), t).toString();
    }

    static StringBuilder append(StringBuilder b, Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < -SECONDS_0000_TO_1970 || seconds >= SECONDS_10000_TO_1970) {
            return b.append(t);
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        two(two(b, year / 100), year % 100).append('-');
        two(b, month).append('-');
        two(b, day).append('T');
        two(b, secondOfDay / 3600).append(':');
        two(b, secondOfDay / 60 % 60).append(':');
        two(b, secondOfDay % 60);
        int nano = t.getNano();
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                digits(b, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(b, nano / 1000, 6);
            } else {
                digits(b, nano, 9);
            }
        }
        return b.append('Z');
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void digits(StringBuilder b, int value, int count) {
        for (int divisor = count == 3 ? 100 : count == 6 ? 100_000 : 100_000_000; divisor > 0; divisor /= 10) {
            b.append((char) ('0' + value / divisor % 10));
        }
    }
}
