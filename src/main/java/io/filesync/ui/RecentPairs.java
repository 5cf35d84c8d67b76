package io.filesync.ui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The folder pairs compared last, newest first, at most {@link #MAX}: the File menu offers them again. */
public final class RecentPairs {
    static final int MAX = 10;

    /** A source folder and its backup folder, as typed in the fields. */
    public record Pair(String source, String destination) {
        /** How the menu names it. */
        public String words() {
            return source + "  →  " + destination;
        }
    }

    private final ObservableList<Pair> pairs = FXCollections.observableArrayList();

    /** Puts {@code p} first (once), dropping the oldest past {@link #MAX}. */
    void add(Pair p) {
        if (p.source().isBlank() || p.destination().isBlank()) {
            return;
        }
        pairs.remove(p);
        pairs.addFirst(p);
        if (pairs.size() > MAX) {
            pairs.remove(MAX, pairs.size());
        }
    }

    /** Replaces the list (the settings' copy, at start). */
    void setAll(List<Pair> all) {
        pairs.setAll(all.stream().distinct().limit(MAX).toList());
    }

    /** Newest first. */
    public ObservableList<Pair> pairs() {
        return pairs;
    }
}
