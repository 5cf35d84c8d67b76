package io.filesync.ui;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.SyncPair;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The two folder fields, what is wrong with each in words, and the offer to resume what an earlier run of the pair
 * left undone. Checking a pair touches the file system (whether the folders exist, their real paths, and the pair's
 * checkpoint, which reaches tens of MB for a million files and is set aside when it is damaged), and a network mount
 * can hang on any of it: so every change is checked on the {@link TaskExecutor}'s background thread, and a result that
 * arrives after a newer change is dropped. Until the newest has arrived, the pair is not valid. Called on the UI
 * thread.
 */
public final class FolderPair {
    private final SyncEngine engine;
    private final TaskExecutor executor;
    private final Runnable changed;
    private final Consumer<String> say;

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty destination = new SimpleStringProperty(this, "destination", "");
    private final ReadOnlyStringWrapper sourceProblem = new ReadOnlyStringWrapper(this, "sourceProblem", "");
    private final ReadOnlyStringWrapper destinationProblem = new ReadOnlyStringWrapper(this, "destinationProblem", "");
    private final ReadOnlyStringWrapper resumeOffer = new ReadOnlyStringWrapper(this, "resumeOffer", "");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final BooleanBinding valid;
    /** The number of the newest check: only its result is shown. */
    private long newest;
    private Check shown = new Check("", "", false, false, "", "", "", "");

    /**
     * What checking two field texts found.
     *
     * @param sourceFolder      the source text names a folder (whatever the destination)
     * @param destinationFolder the destination text names a folder
     * @param message           for the window's message line (the checkpoint's warnings); empty when none
     */
    record Check(String source, String destination, boolean sourceFolder, boolean destinationFolder,
                 String sourceProblem, String destinationProblem, String resumeOffer, String message) {
    }

    /**
     * @param changed runs at every change of either field, before it is checked (the plan of other folders is gone)
     * @param say     puts a sentence on the window's message line
     */
    FolderPair(SyncEngine engine, TaskExecutor executor, Runnable changed, Consumer<String> say) {
        this.engine = engine;
        this.executor = executor;
        this.changed = changed;
        this.say = say;
        source.addListener((o, a, b) -> changed());
        destination.addListener((o, a, b) -> changed());
        valid = Bindings.createBooleanBinding(() -> !checking.get() && sourceProblem.get().isEmpty()
                && destinationProblem.get().isEmpty(), checking, sourceProblem, destinationProblem);
        changed();
    }

    private void changed() {
        changed.run();
        resumeOffer.set("");
        long number = ++newest;
        checking.set(true);
        String s = source.get();
        String d = destination.get();
        executor.background("folders", () -> check(engine, s, d), c -> {
            if (number == newest) {
                show(c);
            }
        }, t -> {
            if (number == newest) {
                show(new Check(s, d, false, false, "", RunText.failure("These folders cannot be checked", t), "",
                        ""));
            }
        });
    }

    private void show(Check c) {
        shown = c;
        sourceProblem.set(c.sourceProblem());
        destinationProblem.set(c.destinationProblem());
        resumeOffer.set(c.resumeOffer());
        if (!c.message().isEmpty()) {
            say.accept(c.message());
        }
        checking.set(false);
    }

    /** Checks two field texts: each on its own, then the pair, then what its checkpoint says. Off the UI thread. */
    static Check check(SyncEngine engine, String source, String destination) {
        String sp = fieldProblem(source, "source");
        String dp = fieldProblem(destination, "destination");
        boolean sf = sp.isEmpty();
        boolean df = dp.isEmpty();
        if (!sf || !df) {
            return new Check(source, destination, sf, df, sp, dp, "", "");
        }
        SyncPair pair;
        try {
            pair = pair(source, destination);
        } catch (BadFoldersException e) {
            return new Check(source, destination, true, true, "", e.getMessage(), "", "");
        }
        try {
            Optional<SyncEngine.EarlierRun> earlier = engine.earlierRun(pair);
            if (earlier.isPresent() && !earlier.get().warnings().isEmpty()) {
                return new Check(source, destination, true, true, "", "", "",
                        String.join(" ", earlier.get().warnings()));
            }
            return new Check(source, destination, true, true, "", "",
                    earlier.map(RunText::resumeOffer).orElse(""), "");
        } catch (IOException e) {
            return new Check(source, destination, true, true, "", "", "",
                    "The checkpoint of these folders cannot be read: " + e.getMessage());
        }
    }

    /** What is wrong with one field on its own, in words; empty when nothing is. Touches the file system. */
    static String fieldProblem(String text, String role) {
        if (text == null || text.isBlank()) {
            return "Choose a " + role + " folder.";
        }
        Path p;
        try {
            p = Path.of(text.strip());
        } catch (InvalidPathException e) {
            return "This is not a folder's path: " + e.getReason() + ".";
        }
        if (!Files.exists(p)) {
            return "This folder does not exist.";
        }
        if (!Files.isDirectory(p)) {
            return "This is a file, not a folder.";
        }
        return "";
    }

    /** The pair the two texts name, checked (real paths; same, nested or missing folders refused). Touches the disk. */
    static SyncPair pair(String source, String destination) throws BadFoldersException {
        return SyncPair.of(Path.of(source.strip()), Path.of(destination.strip()));
    }

    public void swap() {
        String s = source.get();
        source.set(destination.get());
        destination.set(s);
    }

    /**
     * The folder {@code text} names, where the newest check found one there (for a folder chooser to open in, with no
     * look at the disk from the UI thread); null otherwise.
     */
    Path knownFolder(String text) {
        boolean known = !checking.get() && text != null && (text.equals(shown.source()) && shown.sourceFolder()
                || text.equals(shown.destination()) && shown.destinationFolder());
        return known ? Path.of(text.strip()) : null;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty destinationProperty() {
        return destination;
    }

    public ReadOnlyStringProperty sourceProblemProperty() {
        return sourceProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty destinationProblemProperty() {
        return destinationProblem.getReadOnlyProperty();
    }

    /** The resume banner's sentence; empty when the pair's last run left nothing undone. */
    public ReadOnlyStringProperty resumeOfferProperty() {
        return resumeOffer.getReadOnlyProperty();
    }

    /** A change is being checked. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** Puts a recent pair's folders in the fields (they are checked as if typed). */
    public void choose(RecentPairs.Pair p) {
        source.set(p.source());
        destination.set(p.destination());
    }

    /** Both folders were checked and are right. */
    public BooleanBinding valid() {
        return valid;
    }
}
