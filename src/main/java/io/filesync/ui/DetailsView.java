package io.filesync.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** Draws {@link RowDetails} into the details pane's grid: a header row, then one row per time. */
final class DetailsView {
    private DetailsView() {
    }

    static void bind(GridPane grid, RowDetails details) {
        String[] head = {"", "Source", "Destination", "Kept"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.getStyleClass().add("details-head");
            grid.add(l, c, 0);
        }
        Label[][] cells = new Label[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                Label l = new Label();
                l.getStyleClass().add(c == 0 ? "details-head" : "details-value");
                if (c < 3) { // the names and times keep their width; the Kept words give way (the tooltip has them)
                    l.setMinWidth(Region.USE_PREF_SIZE);
                } else {
                    l.tooltipProperty().bind(Bindings.createObjectBinding(() -> l.getText() == null
                            || l.getText().isEmpty() ? null : new Tooltip(l.getText()), l.textProperty()));
                }
                cells[r][c] = l;
                grid.add(l, c, r + 1);
            }
        }
        details.lines().addListener((javafx.collections.ListChangeListener<RowDetails.Line>) ch -> {
            var lines = details.lines();
            for (int r = 0; r < 3; r++) {
                RowDetails.Line line = r < lines.size() ? lines.get(r) : null;
                String[] texts = line == null ? new String[]{"", "", "", ""}
                        : new String[]{line.time(), line.source(), line.copy(), line.kept()};
                for (int c = 0; c < 4; c++) {
                    cells[r][c].setText(texts[c]);
                }
            }
        });
    }
}
