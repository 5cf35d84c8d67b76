package io.filesync.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class CreationTimeCodecTest {
    /** What reading a creation attribute must give: exactly what Instant.parse gives, or null where it refuses. */
    private static Instant reference(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant read(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return CreationTimeCodec.fromText(b, b.length);
    }

    @Test
    void everyTimeWrittenReadsBackToTheNanosecond() {
        RandomInstants instants = new RandomInstants(1601, "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
        for (int i = 0; i < 200_000; i++) {
            Instant t = instants.next();
            byte[] text = CreationTimeCodec.text(t);
            assertNotNull(CreationTimeCodec.fromUsualText(text, text.length), t.toString()); // the quick path
            assertEquals(t, CreationTimeCodec.fromText(text, text.length), t.toString());
        }
    }

    @Test
    void otherTextsReadExactlyAsInstantParseReadsThem() {
        for (String s : List.of("2009-07-01T10:00:00Z", "2009-07-01T10:00:00.5Z", "2009-07-01T10:00:00.123456789Z",
                "2009-07-01T10:00:00.1234567891Z", "2009-07-01T10:00:00.Z", "2009-02-29T10:00:00Z",
                "2008-02-29T10:00:00Z", "2009-02-30T10:00:00Z", "2009-13-01T10:00:00Z", "2009-00-01T10:00:00Z",
                "2009-07-00T10:00:00Z", "2009-07-01T24:00:00Z", "2009-07-01T23:60:00Z", "2009-07-01T23:59:60Z",
                "2009-07-01T10:00:00", "2009-07-01 10:00:00Z", "2009-07-01t10:00:00z", "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z", "2009-07-01T10:00:00+01:00", "2009-07-01T10:0a:00Z", "20x9-07-01T10:00:00Z",
                "2009-07-01T10:00:00.12345678aZ", "1601-01-01T00:00:00Z", "garbage", "")) {
            assertEquals(reference(s), read(s), s);
        }
    }
}
