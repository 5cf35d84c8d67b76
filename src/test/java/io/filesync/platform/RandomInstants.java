package io.filesync.platform;

import java.time.Instant;
import java.util.Random;

/**
 * Instants for round-trip tests of time texts: seconds spread evenly over a range, and the fraction in the four
 * shapes ISO text writes differently (none, milli-, micro-, nanoseconds), in turn.
 */
public final class RandomInstants {
    private final Random random;
    private final long min;
    private final long max;
    private int count;

    /** Between two instants given as ISO text. */
    public RandomInstants(long seed, String from, String to) {
        this.random = new Random(seed);
        this.min = Instant.parse(from).getEpochSecond();
        this.max = Instant.parse(to).getEpochSecond();
    }

    public Instant next() {
        int nanos = switch (count++ % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), nanos);
    }
}
