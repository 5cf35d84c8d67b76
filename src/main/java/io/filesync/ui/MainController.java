package io.filesync.ui;

import io.filesync.engine.MatchMode;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.Units;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.util.StringConverter;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Wires the FXML nodes to {@link MainViewModel}; holds no state of its own beyond the dialogs it shows. */
public final class MainController {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass COPIED = PseudoClass.getPseudoClass("copied");

    private final MainViewModel vm;
    private final Consumer<Path> open;
    /** The Sync confirmation, built once ({@link #confirmationDialog}). */
    private Alert confirmation;

    @FXML private TextField sourceField;
    @FXML private TextField destinationField;
    @FXML private Button sourceBrowse;
    @FXML private Button destinationBrowse;
    @FXML private Button swapButton;
    @FXML private Label sourceProblem;
    @FXML private Label destinationProblem;
    @FXML private ComboBox<MatchMode> matchChoice;
    @FXML private CheckBox verifyBox;
    @FXML private Spinner<Integer> threadsSpinner;
    @FXML private CheckBox copyAgainBox;
    @FXML private Button compareButton;
    @FXML private Button syncButton;
    @FXML private Button pauseButton;
    @FXML private Button cancelButton;
    @FXML private HBox resumeBanner;
    @FXML private Label resumeText;
    @FXML private Button resumeButton;
    @FXML private Label messageLabel;
    @FXML private TextField pathFilterField;
    @FXML private ComboBox<MainViewModel.StatusFilter> statusFilterChoice;
    @FXML private TableView<FileRow> table;
    @FXML private TableColumn<FileRow, RowStatus> statusColumn;
    @FXML private TableColumn<FileRow, String> pathColumn;
    @FXML private TableColumn<FileRow, Long> sizeColumn;
    @FXML private TableColumn<FileRow, Instant> modifiedColumn;
    @FXML private TableColumn<FileRow, Instant> createdColumn;
    @FXML private TableColumn<FileRow, Double> progressColumn;
    @FXML private Label summaryLabel;
    @FXML private HBox endButtons;
    @FXML private Button openLogsButton;
    @FXML private Button openDestinationButton;
    @FXML private Button retryButton;
    @FXML private StatusBar statusBar;

    /** @param open shows a folder in the desktop's file manager */
    public MainController(MainViewModel vm, Consumer<Path> open) {
        this.vm = vm;
        this.open = open;
    }

    @FXML
    private void initialize() {
        folders();
        options();
        actions();
        tableColumns();
        status();
    }

    private void folders() {
        sourceField.textProperty().bindBidirectional(vm.sourceProperty());
        destinationField.textProperty().bindBidirectional(vm.destinationProperty());
        sourceProblem.textProperty().bind(vm.sourceProblemProperty());
        destinationProblem.textProperty().bind(vm.destinationProblemProperty());
        hideWhenEmpty(sourceProblem);
        hideWhenEmpty(destinationProblem);
        sourceBrowse.setOnAction(e -> browse(sourceField, "Choose the folder to back up"));
        destinationBrowse.setOnAction(e -> browse(destinationField, "Choose the backup folder"));
        swapButton.setOnAction(e -> vm.swap());
        for (TextField f : new TextField[]{sourceField, destinationField}) {
            f.setOnDragOver(e -> {
                if (e.getDragboard().hasFiles()) {
                    e.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
                }
                e.consume();
            });
            f.setOnDragDropped(e -> {
                var files = e.getDragboard().getFiles();
                if (!files.isEmpty()) {
                    f.setText(files.getFirst().getAbsolutePath());
                }
                e.setDropCompleted(!files.isEmpty());
                e.consume();
            });
        }
        for (var b : new javafx.scene.Node[]{sourceField, destinationField, sourceBrowse, destinationBrowse,
                swapButton, matchChoice, verifyBox, threadsSpinner, copyAgainBox}) {
            b.disableProperty().bind(vm.busyProperty());
        }
    }

    private static void hideWhenEmpty(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    private void browse(TextField field, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File current = new File(field.getText().strip());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File chosen = chooser.showDialog(field.getScene().getWindow());
        if (chosen != null) {
            field.setText(chosen.getAbsolutePath());
        }
    }

    private void options() {
        matchChoice.getItems().setAll(MatchMode.values());
        matchChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(MatchMode m) {
                return m == null ? "" : m == MatchMode.PATH ? "Path" : "Name";
            }

            @Override
            public MatchMode fromString(String s) {
                return "Name".equals(s) ? MatchMode.NAME : MatchMode.PATH;
            }
        });
        matchChoice.valueProperty().bindBidirectional(vm.matchProperty());
        verifyBox.selectedProperty().bindBidirectional(vm.verifyProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory threads =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 64, vm.threadsProperty().get());
        threadsSpinner.setValueFactory(threads);
        threads.valueProperty().addListener((o, a, b) -> vm.threadsProperty().set(b == null ? 1 : b));
        copyAgainBox.selectedProperty().bindBidirectional(vm.copyMissingAgainProperty());
        copyAgainBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.planProperty().get() != null
                && !vm.planProperty().get().missingSinceLastRun().isEmpty(), vm.planProperty()));
        copyAgainBox.managedProperty().bind(copyAgainBox.visibleProperty());
        statusFilterChoice.getItems().setAll(MainViewModel.StatusFilter.values());
        statusFilterChoice.valueProperty().bindBidirectional(vm.statusFilterProperty());
        pathFilterField.textProperty().bindBidirectional(vm.pathFilterProperty());
    }

    private void actions() {
        compareButton.disableProperty().bind(vm.canCompare().not());
        compareButton.setOnAction(e -> vm.compare());
        syncButton.disableProperty().bind(vm.canSync().not());
        syncButton.setOnAction(e -> confirmAndSync());
        pauseButton.disableProperty().bind(vm.syncingProperty().not());
        pauseButton.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Res_ume").otherwise("_Pause"));
        pauseButton.setOnAction(e -> {
            if (vm.pausedProperty().get()) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        cancelButton.disableProperty().bind(vm.busyProperty().not());
        cancelButton.setOnAction(e -> askAndCancel());
        resumeText.textProperty().bind(vm.resumeOfferProperty());
        resumeBanner.visibleProperty().bind(vm.resumeOfferProperty().isNotEmpty().and(vm.busyProperty().not())
                .and(vm.planProperty().isNull()));
        resumeBanner.managedProperty().bind(resumeBanner.visibleProperty());
        resumeButton.setOnAction(e -> compareThen(this::confirmAndSync));
        messageLabel.textProperty().bind(vm.messageProperty());
        hideWhenEmpty(messageLabel);
        summaryLabel.textProperty().bind(vm.summaryProperty());
        endButtons.visibleProperty().bind(vm.lastRunProperty().isNotNull());
        endButtons.managedProperty().bind(endButtons.visibleProperty());
        openLogsButton.setOnAction(e -> open.accept(vm.logFolder()));
        openDestinationButton.setOnAction(e -> open.accept(Path.of(vm.destinationProperty().get().strip())));
        retryButton.setOnAction(e -> compareThen(this::confirmAndSync));
        retryButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.lastRunProperty().get() == null
                || vm.lastRunProperty().get().failed().isEmpty(), vm.lastRunProperty()));
    }

    /** Compares, then runs {@code next} once the plan is shown whole. */
    private void compareThen(Runnable next) {
        vm.compare(next);
    }

    private void confirmAndSync() {
        if (vm.planProperty().get() == null || !vm.planProperty().get().hasWork()) {
            return;
        }
        MainViewModel.Confirmation c = vm.confirmation();
        if (!c.enoughSpace()) {
            Alert a = new Alert(Alert.AlertType.ERROR, c.text(), ButtonType.OK);
            a.setHeaderText("Not enough free space");
            owned(a);
            a.showAndWait();
            return;
        }
        if (confirmation == null) {
            confirmation = confirmationDialog();
        }
        Alert a = confirmation;
        a.setContentText(c.text());
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isPresent() && answer.get() == COPY) {
            vm.sync();
        }
    }

    private static final ButtonType COPY = new ButtonType("Copy", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType DONT_COPY = new ButtonType("Don't copy", ButtonBar.ButtonData.CANCEL_CLOSE);

    /**
     * "Copy the missing files?", made once and shown for every Sync: building and styling it took its first showing
     * ~80-90 ms of the UI thread, so {@link #warmUp} makes it before the first Sync.
     */
    private Alert confirmationDialog() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", COPY, DONT_COPY);
        a.setHeaderText("Copy the missing files?");
        owned(a);
        a.getDialogPane().applyCss();
        a.getDialogPane().layout();
        return a;
    }

    /** Centred on the window, at a width that wraps long paths instead of growing past the screen. */
    private void owned(Alert a) {
        a.initOwner(table.getScene().getWindow());
        a.getDialogPane().setPrefWidth(520);
        a.setResizable(true);
    }

    private void askAndCancel() {
        if (!vm.syncingProperty().get()) {
            vm.cancel();
            return;
        }
        ButtonType stop = new ButtonType("Cancel the sync", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep copying", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The file being copied is removed; every file already"
                + " copied stays. Compare and Sync again later to resume.", stop, keep);
        a.setHeaderText("Cancel the sync?");
        owned(a);
        if (a.showAndWait().filter(b -> b == stop).isPresent()) {
            vm.cancel();
        }
    }

    private void tableColumns() {
        SortedList<FileRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        vm.rowOrderProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        statusColumn.setCellValueFactory(c -> c.getValue().statusProperty());
        statusColumn.setCellFactory(col -> new TableCell<>() {
            private final FontIcon icon = new FontIcon();

            {
                getStyleClass().add("status-cell");
            }

            @Override
            protected void updateItem(RowStatus s, boolean empty) {
                super.updateItem(s, empty);
                textProperty().unbind(); // cells are reused: let go of the previous row's text first
                FileRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                // Pseudo-classes, not style classes: changing a style class makes CSS rebuild the cell's styles,
                // and visible rows change status many times a second during a sync.
                pseudoClassStateChanged(FAILED, row != null && (s == RowStatus.FAILED || s == RowStatus.NOT_REPLACED));
                pseudoClassStateChanged(COPIED, row != null && s == RowStatus.COPIED);
                if (row == null || s == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                if (!s.icon().equals(icon.getIconLiteral())) {
                    icon.setIconLiteral(s.icon());
                }
                setGraphic(icon);
                textProperty().bind(row.statusTextProperty());
            }
        });
        pathColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
        sizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().size()));
        sizeColumn.setCellFactory(col -> text(v -> Units.bytes(v)));
        modifiedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().modified()));
        modifiedColumn.setCellFactory(col -> text(WHEN::format));
        createdColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().created()));
        createdColumn.setCellFactory(col -> text(WHEN::format));
        progressColumn.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        progressColumn.setCellFactory(ProgressBarTableCell.forTableColumn());
        table.setRowFactory(t -> {
            TableRow<FileRow> row = new TableRow<>();
            MenuItem show = new MenuItem("Open the containing folder");
            show.setOnAction(e -> {
                Path p = Path.of(vm.sourceProperty().get().strip()).resolve(row.getItem().path()).getParent();
                open.accept(p);
            });
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

    /**
     * Laid out this many times, the table's code is compiled too before the first compare (measured in one run
     * each: with one round the first rows of a compare still held the UI thread 57-58 ms, with four 16 ms).
     */
    private static final int WARM_ROUNDS = 4;

    /**
     * Called once the window is shown, before its first frame is drawn: fills the table with a screenful of
     * made-up rows in each state, lays it out and empties it again, {@link #WARM_ROUNDS} times, so that the first
     * compare's rows find the table's cells made and styled, their classes loaded and their code compiled (the
     * table's first layout held the UI thread ~150 ms in the compare's frame); and builds the confirmation dialog,
     * styled, for the first Sync. No frame is drawn in between: nothing of it is seen.
     */
    void warmUp() {
        List<FileRow> sample = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            FileRow r = new FileRow(PlanEntry.pendingFile("warm/" + i, 1234, Instant.EPOCH));
            switch (i % 4) {
                case 1 -> r.set(RowStatus.COPIED, RowStatus.COPIED.words());
                case 2 -> r.set(RowStatus.FAILED, RowStatus.FAILED.words());
                case 3 -> {
                    r.set(RowStatus.COPYING, "Copying 50 %");
                    r.progressProperty().set(0.5);
                }
                default -> { }
            }
            sample.add(r);
        }
        for (int round = 0; round < WARM_ROUNDS && vm.rows().isEmpty(); round++) {
            vm.rows().setAll(sample);
            try {
                table.applyCss();
                table.layout();
            } finally {
                vm.rows().clear();
            }
            table.applyCss();
            table.layout();
        }
        confirmation = confirmationDialog();
    }

    private static <T> TableCell<FileRow, T> text(java.util.function.Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v == null ? "—" : format.apply(v));
            }
        };
    }

    private void status() {
        statusBar.textProperty().bind(vm.currentFileProperty());
        statusBar.progressProperty().bind(Bindings.when(vm.busyProperty()).then(vm.progressProperty())
                .otherwise(0.0));
        Label right = new Label();
        right.textProperty().bind(vm.progressTextProperty());
        statusBar.getRightItems().add(right);
    }
}
