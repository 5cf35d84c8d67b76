package io.filesync.engine;

import io.filesync.platform.FileTimes;

import java.time.Duration;
import java.time.Instant;

/** Compares the times read back from a copy with the times that were set, honestly. */
final class TimesCheck {
    private TimesCheck() {
    }

    static TimesKept compare(FileTimes wanted, FileTimes readBack, VolumeInfo volume, boolean canSetCreation) {
        TimeKept created;
        if (!wanted.hasCreated()) {
            created = TimeKept.NO_SOURCE_VALUE;
        } else if (!canSetCreation || !volume.holdsCreationTime()) {
            // Never claimed, even when the new birth time happens to match: it was not set by us.
            created = TimeKept.NOT_SUPPORTED;
        } else {
            created = one(wanted.created(), readBack.created(), Duration.ofNanos(100));
        }
        return new TimesKept(one(wanted.modified(), readBack.modified(), volume.modifiedResolution()),
                one(wanted.accessed(), readBack.accessed(), volume.modifiedResolution()), created);
    }

    private static TimeKept one(Instant wanted, Instant got, Duration step) {
        if (got == null) {
            return TimeKept.LOST;
        }
        if (wanted.equals(got)) {
            return TimeKept.EXACT;
        }
        return Duration.between(wanted, got).abs().compareTo(step) < 0 ? TimeKept.TO_RESOLUTION : TimeKept.LOST;
    }
}
