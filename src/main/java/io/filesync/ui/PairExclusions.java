package io.filesync.ui;

import io.filesync.engine.Exclusions;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the user leaves out of the plan: glob patterns, written in one field with commas between them and read as the
 * command line's {@code --exclude} reads each ({@link Exclusions}), and the opt-in junk preset ({@code
 * --exclude-junk}). Remembered per folder pair by the {@link Settings}.
 */
public final class PairExclusions {
    private final StringProperty patterns = new SimpleStringProperty(this, "patterns", "");
    private final BooleanProperty junk = new SimpleBooleanProperty(this, "junk", false);
    private final StringBinding problem = Bindings.createStringBinding(() -> {
        try {
            Exclusions.of(split(patterns.get()));
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }, patterns);

    /** The field's patterns: split at commas, each trimmed, empty ones dropped. */
    static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** What the plan leaves out: the preset first when ticked, then the field's patterns. */
    Exclusions exclusions() {
        List<String> all = new ArrayList<>();
        if (junk.get()) {
            all.addAll(Exclusions.JUNK);
        }
        all.addAll(split(patterns.get()));
        return Exclusions.of(all);
    }

    public StringProperty patternsProperty() {
        return patterns;
    }

    public BooleanProperty junkProperty() {
        return junk;
    }

    /** What is wrong with the patterns, in one sentence; empty when nothing is. */
    public StringBinding problem() {
        return problem;
    }
}
