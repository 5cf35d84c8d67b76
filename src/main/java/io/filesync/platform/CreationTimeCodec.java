package io.filesync.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The byte forms of a creation time in extended attributes. */
final class CreationTimeCodec {
    /** Seconds from 1601-01-01 (the Windows FILETIME epoch) to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private CreationTimeCodec() {
    }

    /** 100 ns ticks since 1601-01-01, 8 bytes little-endian (ntfs-3g's system.ntfs_crtime, CIFS). */
    static byte[] fileTime(Instant t) {
        long ticks = Math.addExact(Math.multiplyExact(t.getEpochSecond() + EPOCH_DIFF_SECONDS, TICKS_PER_SECOND),
                t.getNano() / 100);
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ticks).array();
    }

    static Instant fromFileTime(byte[] b, int length) {
        if (length != 8) {
            return null;
        }
        long ticks = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (ticks <= 0) {
            return null; // 0 means "not set" on NTFS
        }
        return Instant.ofEpochSecond(Math.floorDiv(ticks, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS,
                Math.floorMod(ticks, TICKS_PER_SECOND) * 100);
    }

    /** ISO-8601 text, e.g. {@code 2009-07-01T10:00:00.000000001Z}: readable with {@code getfattr}. */
    static byte[] text(Instant t) {
        return t.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Instant fromText(byte[] b, int length) {
        Instant quick = fromUsualText(b, length);
        if (quick != null) {
            return quick;
        }
        try {
            return Instant.parse(new String(b, 0, length, StandardCharsets.US_ASCII));
        } catch (DateTimeParseException e) {
            return null; // someone else's value: ignore it rather than trust it
        }
    }

    /**
     * The form {@link #text} writes for years 0000-9999, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, read without
     * {@link Instant#parse} (its formatter machinery cost ~15 us a value without C2, and every stat of a copy or of
     * a folder FileSync made reads one). Anything else, valid or not, is left to {@code Instant.parse} (null here).
     */
    static Instant fromUsualText(byte[] b, int length) {
        if (length < 20 || length > 30 || length == 21 || b[length - 1] != 'Z' || b[4] != '-' || b[7] != '-'
                || b[10] != 'T' || b[13] != ':' || b[16] != ':' || length > 20 && b[19] != '.') {
            return null;
        }
        int year = digits(b, 0, 4), month = digits(b, 5, 2), day = digits(b, 8, 2);
        int hour = digits(b, 11, 2), minute = digits(b, 14, 2), second = digits(b, 17, 2);
        int fractionDigits = length > 20 ? length - 21 : 0;
        int fraction = fractionDigits > 0 ? digits(b, 20, fractionDigits) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        for (int i = fractionDigits; i < 9; i++) {
            fraction *= 10;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
    }

    /** The value of {@code count} ASCII digits from {@code at}, or -1 if one is not a digit. */
    private static int digits(byte[] b, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
