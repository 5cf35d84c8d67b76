package io.filesync.ui;

import io.filesync.engine.Units;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a sync stands, from its counts: the fraction done and the status bar's line (files and bytes left, rate,
 * elapsed time, the estimated time left). Pure functions of the numbers.
 *
 * @param files     the run's files (folders are not counted)
 * @param bytes     the run's bytes
 * @param filesDone files finished so far, in any way
 * @param bytesDone bytes copied so far
 */
record Eta(long files, long bytes, long filesDone, long bytesDone, Duration elapsed) {
    /** The fraction done: by bytes, or by files where the run has no bytes to copy. */
    double fraction() {
        return bytes == 0 ? (files == 0 ? 1 : (double) filesDone / files) : (double) bytesDone / bytes;
    }

    /** "N files left · B left · rate/s · elapsed T · ETA T" ("–" until something was copied). */
    String text() {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? bytesDone / seconds : 0;
        long bytesLeft = Math.max(0, bytes - bytesDone);
        long filesLeft = Math.max(0, files - filesDone);
        // Small files cost per file, large ones per byte: the later of the two estimates.
        double fileRate = seconds > 0 ? (files - filesLeft) / seconds : 0;
        double etaSeconds = Math.max(rate > 0 ? bytesLeft / rate : 0, fileRate > 0 ? filesLeft / fileRate : 0);
        String eta = rate > 0 || fileRate > 0 ? Units.duration(Duration.ofSeconds((long) etaSeconds)) : "–";
        return Units.files(filesLeft) + " left · " + Units.bytes(bytesLeft) + " left · " + Units.bytes((long) rate)
                + "/s · elapsed " + Units.duration(Duration.ofSeconds((long) seconds)) + " · ETA " + eta;
    }

    /** The window's title while the run goes on: "FileSync — 45 % — 1,650 left" (whole per cents, never 100 early). */
    String title(Locale l) {
        long percent = (long) Math.floor(Math.min(1, Math.max(0, fraction())) * 100);
        if (percent == 100 && filesDone < files) {
            percent = 99;
        }
        return MainViewModel.TITLE + " — " + percent + " % — " + Counts.number(Math.max(0, files - filesDone), l)
                + " left";
    }
}
