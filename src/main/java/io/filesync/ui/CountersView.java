package io.filesync.ui;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Draws the plan's counters ({@link PlanFacts}) as toggle buttons: pressing one shows only its rows (the table's status
 * filter), pressing it again shows all; choosing a filter elsewhere presses the matching counter.
 */
final class CountersView {
    private CountersView() {
    }

    static void bind(HBox bar, PlanFacts facts, ObjectProperty<StatusFilter> filter) {
        ToggleGroup group = new ToggleGroup();
        boolean[] following = {false};
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (!following[0]) {
                filter.set(b == null ? StatusFilter.ALL : (StatusFilter) b.getUserData());
            }
        });
        Runnable press = () -> {
            following[0] = true;
            try {
                group.getToggles().forEach(t -> t.setSelected(t.getUserData() == filter.get()));
            } finally {
                following[0] = false;
            }
        };
        filter.addListener((o, a, b) -> press.run());
        facts.countersProperty().addListener((o, a, counters) -> {
            bar.getChildren().clear();
            group.getToggles().clear();
            for (PlanCounters.Counter c : counters) {
                bar.getChildren().add(button(c, group));
            }
            press.run();
        });
        bar.accessibleTextProperty().bind(facts.sentenceProperty());
        bar.visibleProperty().bind(facts.sentenceProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
    }

    private static ToggleButton button(PlanCounters.Counter c, ToggleGroup group) {
        Label name = new Label(c.name());
        name.getStyleClass().add("counter-name");
        Label numbers = new Label(c.files() + " · " + c.bytes());
        numbers.getStyleClass().add("counter-numbers");
        ToggleButton b = new ToggleButton();
        b.setGraphic(new VBox(name, numbers));
        b.getStyleClass().add("counter");
        b.setId("counter-" + c.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        b.setAccessibleText(c.accessibleText());
        b.setTooltip(new Tooltip(c.filter() == null ? "Files already in the destination are only counted: they have"
                + " no rows." : "Show only these rows (press again to show all)."));
        b.setUserData(c.filter());
        if (c.filter() == null) {
            b.setDisable(true);
        } else {
            b.setToggleGroup(group);
        }
        return b;
    }
}
