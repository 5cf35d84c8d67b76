package io.filesync.ui;

import io.filesync.engine.Plan;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;

/**
 * What the window says about a shown plan as a whole: its counters (above the table), the same in one sentence (for a
 * screen reader), and the destination volume's facts, said once in a banner instead of on every row.
 */
public final class PlanFacts {
    private final ReadOnlyObjectWrapper<List<PlanCounters.Counter>> counters = new ReadOnlyObjectWrapper<>(this,
            "counters", List.of());
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper(this, "sentence", "");
    private final ReadOnlyStringWrapper volume = new ReadOnlyStringWrapper(this, "volume", "");

    void show(Plan p) {
        counters.set(PlanCounters.of(p, Counts.locale()));
        sentence.set(RunText.plan(p));
        volume.set(RunText.volumeFacts(p));
    }

    void clear() {
        counters.set(List.of());
        sentence.set("");
        volume.set("");
    }

    /** To copy, present, differ, skipped, conflicts; empty while no plan is shown. */
    public ReadOnlyObjectProperty<List<PlanCounters.Counter>> countersProperty() {
        return counters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    /** Which times and names the destination's volume keeps; empty while no plan is shown. */
    public ReadOnlyStringProperty volumeProperty() {
        return volume.getReadOnlyProperty();
    }
}
