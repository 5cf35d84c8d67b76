package io.filesync.engine.copy;

import io.filesync.engine.TimeKept;
import io.filesync.engine.TimesKept;
import io.filesync.engine.VolumeInfo;
import io.filesync.files.FileTimes;

import java.time.Duration;
import java.time.Instant;

/** Compares the times read back from a copy with the times that were set, honestly. */
public final class TimesCheck {
    private TimesCheck() {
    }

    /** NTFS, SMB and Windows count creation times in 100 ns ticks; APFS in nanoseconds. */
    private static final Duration CREATION_STEP = Duration.ofNanos(100);

    public static TimesKept compare(FileTimes wanted, FileTimes readBack, VolumeInfo volume) {
        TimeKept created;
        if (!wanted.hasCreated()) {
            created = TimeKept.NO_SOURCE_VALUE;
        } else {
            created = switch (volume.creationStore()) {
                // Never claimed, even when the new birth time happens to match: it was not set by us.
                case NONE -> TimeKept.NOT_SUPPORTED;
                case FILESYNC_XATTR -> wanted.created().equals(readBack.created())
                        ? TimeKept.KEPT_ASIDE : TimeKept.NOT_SUPPORTED;
                case FILE_SYSTEM, NTFS_XATTR, CIFS_XATTR -> one(wanted.created(), readBack.created(), CREATION_STEP);
            };
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
