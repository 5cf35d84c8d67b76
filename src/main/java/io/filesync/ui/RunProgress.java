package io.filesync.ui;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;

/**
 * Where the work in progress stands, for the status bar and the window's title: the fraction done (-1: unknown), the
 * file being copied, the line of counts (scanning, listing, files and bytes left, rate, ETA) and the title. Called on
 * the UI thread.
 */
public final class RunProgress {
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private final ReadOnlyStringWrapper currentFile = new ReadOnlyStringWrapper(this, "currentFile", "");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", MainViewModel.TITLE);
    private long startedNanos;
    private long files;
    private long bytes;

    /** A scan or a listing: no fraction known, only what {@code what} says. */
    void unknown(String what) {
        fraction.set(-1);
        text.set(what);
    }

    void say(String what) {
        text.set(what);
    }

    /** A sync of {@code files} files and {@code bytes} bytes starts now. */
    void started(long files, long bytes) {
        this.files = files;
        this.bytes = bytes;
        startedNanos = System.nanoTime();
        fraction.set(0);
    }

    /** One batch of a sync's counts; the title follows only while {@code syncing}. */
    void apply(EventCoalescer.Batch b, boolean syncing) {
        Eta eta = new Eta(files, bytes, b.filesDone(), b.bytesDone(), Duration.ofNanos(System.nanoTime() - startedNanos));
        fraction.set(eta.fraction());
        if (syncing) { // a batch the timer handed over after the end does not bring the title back
            title.set(eta.title(Counts.locale()));
        }
        currentFile.set(b.current());
        text.set(eta.text());
    }

    /** The work ended: {@code done} whole (the fraction goes to 1) or not (it stays where it was). */
    void ended(boolean done) {
        if (done) {
            fraction.set(1);
        }
        currentFile.set("");
        text.set("");
        title.set(MainViewModel.TITLE);
    }

    /** Back to nothing done (a plan is shown). */
    void reset() {
        fraction.set(0);
        text.set("");
    }

    /** 0 to 1; -1 while it cannot be known (scanning). */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentFileProperty() {
        return currentFile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** "FileSync", and while a sync runs how far it is: "FileSync — 45 % — 1,650 left". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
