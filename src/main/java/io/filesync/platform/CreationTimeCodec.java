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
        try {
            return Instant.parse(new String(b, 0, length, StandardCharsets.US_ASCII));
        } catch (DateTimeParseException e) {
            return null; // someone else's value: ignore it rather than trust it
        }
    }
}
