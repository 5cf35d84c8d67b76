package io.filesync.ui;

import io.filesync.engine.PlanEntry;
import io.filesync.engine.Units;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** How the plan's table draws a {@link FileRow}: its columns' cells and the row's menu (the controller wires them). */
final class PlanColumns {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass COPIED = PseudoClass.getPseudoClass("copied");
    /**
     * Laid out this many times, the table's code is compiled too before the first compare (with one round the first
     * rows of a compare still held the UI thread for frames: bench/README.md, "Figures behind the design").
     */
    private static final int WARM_ROUNDS = 4;

    private PlanColumns() {
    }

    static void status(TableColumn<FileRow, RowStatus> column) {
        column.setCellValueFactory(c -> c.getValue().statusProperty());
        column.setCellFactory(col -> new TableCell<>() {
            private final FontIcon icon = new FontIcon();
            /** The row's whole sentence (the reason, what was kept), which the column has no room for. */
            private final Tooltip detail = new Tooltip();

            {
                getStyleClass().add("status-cell");
            }

            @Override
            protected void updateItem(RowStatus s, boolean empty) {
                super.updateItem(s, empty);
                detail.textProperty().unbind(); // cells are reused: let go of the previous row's sentence first
                FileRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                // Pseudo-classes, not style classes: changing a style class makes CSS rebuild the cell's styles,
                // and visible rows change status many times a second during a sync.
                pseudoClassStateChanged(FAILED, row != null && (s == RowStatus.FAILED || s == RowStatus.NOT_REPLACED));
                pseudoClassStateChanged(COPIED, row != null && (s == RowStatus.COPIED
                        || s == RowStatus.COPIED_CREATION_NOT_KEPT));
                if (row == null || s == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                if (!s.icon().equals(icon.getIconLiteral())) {
                    icon.setIconLiteral(s.icon());
                }
                setGraphic(icon);
                setText(s.words());
                detail.textProperty().bind(row.statusTextProperty());
                setTooltip(detail);
            }
        });
    }

    /**
     * Every column but Path keeps its width, and Path takes what is left of the table's: at the window's default size
     * nothing scrolls sideways, and a wider window gives paths the room.
     */
    static void fit(TableView<FileRow> table, TableColumn<FileRow, String> path) {
        for (TableColumn<FileRow, ?> c : table.getColumns()) {
            if (c != path) {
                c.setMinWidth(c.getPrefWidth());
                c.setMaxWidth(c.getPrefWidth());
            }
        }
        path.setMinWidth(160);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    }

    static void path(TableColumn<FileRow, String> column) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
    }

    static void size(TableColumn<FileRow, Long> column) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
        column.setCellFactory(col -> text(Units::bytes));
    }

    /** A time column: {@code time} of the row, or "—" where it is unknown. */
    static void time(TableColumn<FileRow, Instant> column, Function<FileRow, Instant> time) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(time.apply(c.getValue())));
        column.setCellFactory(col -> text(WHEN::format));
    }

    static void progress(TableColumn<FileRow, Double> column) {
        column.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        column.setCellFactory(ProgressBarTableCell.forTableColumn());
    }

    /** A right-click menu on every row: open its folder in {@code source} (the field's text), copy its path. */
    static void rowMenu(TableView<FileRow> table, Supplier<String> source, Consumer<Path> open) {
        table.setRowFactory(t -> {
            TableRow<FileRow> row = new TableRow<>();
            MenuItem show = new MenuItem("Open the containing folder");
            show.setOnAction(e -> open.accept(Path.of(source.get().strip()).resolve(row.getItem().path()).getParent()));
            MenuItem copy = new MenuItem("Copy the path");
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(row.getItem().path());
                Clipboard.getSystemClipboard().setContent(content);
            });
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                    .otherwise(new ContextMenu(show, copy)));
            return row;
        });
    }

    private static <T> TableCell<FileRow, T> text(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? "—" : format.apply(v));
            }
        };
    }

    /**
     * Fills {@code rows} (the table's) with a screenful of made-up rows in each state, lays the table out and empties
     * it again, {@link #WARM_ROUNDS} times, so that the first compare's rows find the table's cells made and styled,
     * their classes loaded and their code compiled (the table's first layout held the UI thread for several frames in
     * the compare's frame otherwise). Called before the window's first frame: nothing of it is seen.
     */
    static void warmUp(TableView<FileRow> table, ObservableList<FileRow> rows) {
        List<FileRow> sample = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FileRow r = new FileRow(PlanEntry.pendingFile("warm/" + i, 1234, Instant.EPOCH));
            switch (i % 4) {
                case 1 -> r.set(RowStatus.COPIED, RowStatus.COPIED.sentence());
                case 2 -> r.set(RowStatus.FAILED, RowStatus.FAILED.sentence());
                case 3 -> r.copying(617);
                default -> { }
            }
            sample.add(r);
        }
        for (int round = 0; round < WARM_ROUNDS && rows.isEmpty(); round++) {
            rows.setAll(sample);
            try {
                table.applyCss();
                table.layout();
            } finally {
                rows.clear();
            }
            table.applyCss();
            table.layout();
        }
    }
}
