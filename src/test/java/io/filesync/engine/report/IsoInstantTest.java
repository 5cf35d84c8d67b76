package io.filesync.engine.report;

import io.filesync.platform.RandomInstants;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The log and the inventory must read exactly as they did with Instant.toString: other tools parse them. */
class IsoInstantTest {
    @Test
    void writesWhatInstantToStringWrites() {
        // 400 days beyond the four-digit years on each side: those are Instant.toString's own.
        RandomInstants instants = new RandomInstants(2026, "-0002-11-27T00:00:00Z", "+10001-02-03T00:00:00Z");
        for (int i = 0; i < 300_000; i++) {
            Instant t = instants.next();
            assertEquals(t.toString(), IsoInstant.of(t));
        }
    }

    @Test
    void edgesOfDaysYearsAndTheFourDigitRange() {
        List<String> texts = List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "2000-02-29T12:00:00.5Z", "1900-02-28T23:59:59.000001Z", "2024-12-31T23:59:59.000000001Z",
                "0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z", "9999-12-31T23:59:59.999Z", "1601-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "2026-11-27T03:30:00.120Z");
        for (String text : texts) {
            Instant t = Instant.parse(text);
            assertEquals(t.toString(), IsoInstant.of(t), text);
        }
        assertEquals(Instant.MAX.toString(), IsoInstant.of(Instant.MAX));
        assertEquals(Instant.MIN.toString(), IsoInstant.of(Instant.MIN));
        assertEquals("x 1970-01-01T00:00:01.100Z", IsoInstant.append(new StringBuilder("x "),
                Instant.ofEpochSecond(1, 100_000_000)).toString());
    }
}
