package io.filesync.ui;

import io.filesync.engine.MatchMode;
import io.filesync.engine.SyncOptions;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.controlsfx.control.StatusBar;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Wires the FXML nodes to {@link MainViewModel}; holds no state of its own beyond the dialogs it shows. */
public final class MainController {
    private final MainViewModel vm;
    private final Consumer<Path> open;
    /** The Sync confirmation, built once ({@link #confirmationDialog}). */
    private Alert confirmation;

    @FXML private Label sourceLabel;
    @FXML private Label destinationLabel;
    @FXML private Label matchLabel;
    @FXML private Label threadsLabel;
    @FXML private Label exclusionsLabel;
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
    @FXML private TextField exclusionsField;
    @FXML private CheckBox junkBox;
    @FXML private Label exclusionsProblem;
    @FXML private Button compareButton;
    @FXML private Button syncButton;
    @FXML private Button pauseButton;
    @FXML private Button cancelButton;
    @FXML private HBox resumeBanner;
    @FXML private Label resumeText;
    @FXML private Button resumeButton;
    @FXML private Label messageLabel;
    @FXML private HBox volumeBanner;
    @FXML private Label volumeText;
    @FXML private HBox counterBar;
    @FXML private TextField pathFilterField;
    @FXML private ComboBox<StatusFilter> statusFilterChoice;
    @FXML private TableView<FileRow> table;
    @FXML private TableColumn<FileRow, RowStatus> statusColumn;
    @FXML private TableColumn<FileRow, String> pathColumn;
    @FXML private TableColumn<FileRow, Long> sizeColumn;
    @FXML private TableColumn<FileRow, Instant> modifiedColumn;
    @FXML private TableColumn<FileRow, Instant> createdColumn;
    @FXML private TableColumn<FileRow, Double> progressColumn;
    @FXML private VBox detailsPane;
    @FXML private Label detailsHeading;
    @FXML private Label detailsStatus;
    @FXML private GridPane detailsGrid;
    @FXML private Label summaryLabel;
    @FXML private HBox endButtons;
    @FXML private Button openLogsButton;
    @FXML private Button openDestinationButton;
    @FXML private Button retryButton;
    @FXML private StatusBar statusBar;
    @FXML private Menu recentMenu;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem exportPlanItem;
    @FXML private MenuItem exportReportItem;
    @FXML private RadioMenuItem themeSystem;
    @FXML private RadioMenuItem themeLight;
    @FXML private RadioMenuItem themeDark;

    /** @param open shows a folder in the desktop's file manager */
    public MainController(MainViewModel vm, Consumer<Path> open) {
        this.vm = vm;
        this.open = open;
    }

    @FXML
    private void initialize() {
        // Here, not in the FXML: there a label's labelFor="$field" names a field defined after it, which is null. The
        // label's mnemonic (Alt+S…) then focuses its field, and a screen reader reads the label as the field's name.
        sourceLabel.setLabelFor(sourceField);
        destinationLabel.setLabelFor(destinationField);
        matchLabel.setLabelFor(matchChoice);
        threadsLabel.setLabelFor(threadsSpinner);
        exclusionsLabel.setLabelFor(exclusionsField);
        folders();
        options();
        actions();
        tableColumns();
        status();
        menus();
    }

    private void menus() {
        RecentMenu.bind(recentMenu, vm.recent(), vm.folders()::choose);
        recentMenu.disableProperty().bind(vm.busyProperty());
        exportPlanItem.disableProperty().bind(vm.table().planProperty().isNull().or(vm.busyProperty()));
        exportPlanItem.setOnAction(e -> saveAs("filesync-pending.csv", vm.exports()::pendingList));
        exportReportItem.disableProperty().bind(vm.lastRunProperty().isNull().or(vm.busyProperty()));
        exportReportItem.setOnAction(e -> saveAs("filesync-run-report.csv", vm.exports()::runReport));
        quitItem.setOnAction(e -> table.getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(
                table.getScene().getWindow(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        ToggleGroup themes = new ToggleGroup();
        Map<Theme, RadioMenuItem> items = Map.of(Theme.SYSTEM, themeSystem, Theme.LIGHT, themeLight, Theme.DARK,
                themeDark);
        items.forEach((t, item) -> {
            item.setToggleGroup(themes);
            item.setOnAction(e -> vm.themeProperty().set(t));
        });
        items.get(vm.themeProperty().get()).setSelected(true);
        vm.themeProperty().addListener((o, a, b) -> items.get(b).setSelected(true));
    }

    private void folders() {
        FolderPair folders = vm.folders();
        sourceField.textProperty().bindBidirectional(folders.sourceProperty());
        destinationField.textProperty().bindBidirectional(folders.destinationProperty());
        sourceProblem.textProperty().bind(folders.sourceProblemProperty());
        destinationProblem.textProperty().bind(folders.destinationProblemProperty());
        hideWhenEmpty(sourceProblem);
        hideWhenEmpty(destinationProblem);
        sourceBrowse.setOnAction(e -> browse(sourceField, "Choose the folder to back up"));
        destinationBrowse.setOnAction(e -> browse(destinationField, "Choose the backup folder"));
        swapButton.setOnAction(e -> folders.swap());
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
                swapButton, matchChoice, verifyBox, threadsSpinner, copyAgainBox, exclusionsField, junkBox}) {
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
        Path current = vm.folders().knownFolder(field.getText()); // no look at the disk from the UI thread
        if (current != null) {
            chooser.setInitialDirectory(current.toFile());
        }
        var chosen = chooser.showDialog(field.getScene().getWindow());
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
        threadsSpinner.setValueFactory(threadCounts(vm.threadsProperty().get()));
        threadsSpinner.getValueFactory().valueProperty().addListener((o, a, b) -> vm.threadsProperty().set(
                b == null ? SyncOptions.BY_DESTINATION : b));
        // Enter and leaving the field commit what was typed (the spinner's own handlers); these then show the value
        // it came to, so that text which was not a count ("seven") does not stay on screen as if it were taken.
        threadsSpinner.getEditor().addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            threadsSpinner.commitValue();
            threadsSpinner.cancelEdit();
        });
        threadsSpinner.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                threadsSpinner.cancelEdit();
            }
        });
        threadsSpinner.getTooltip().setText("How many files are copied at the same time. Auto: "
                + SyncOptions.DEFAULT_THREADS_RULE + " (the log says what was chosen).");
        copyAgainBox.selectedProperty().bindBidirectional(vm.copyMissingAgainProperty());
        exclusionsField.textProperty().bindBidirectional(vm.exclusions().patternsProperty());
        junkBox.selectedProperty().bindBidirectional(vm.exclusions().junkProperty());
        junkBox.setTooltip(new javafx.scene.control.Tooltip("Leaves out " + String.join("  ",
                io.filesync.engine.Exclusions.JUNK) + " (as the command line's --exclude-junk)."));
        exclusionsProblem.textProperty().bind(vm.exclusions().problem());
        hideWhenEmpty(exclusionsProblem);
        var plan = vm.table().planProperty();
        copyAgainBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> plan.get() != null
                && !plan.get().missingSinceLastRun().isEmpty(), plan));
        copyAgainBox.managedProperty().bind(copyAgainBox.visibleProperty());
        statusFilterChoice.getItems().setAll(StatusFilter.values());
        statusFilterChoice.valueProperty().bindBidirectional(vm.table().statusFilterProperty());
        pathFilterField.textProperty().bindBidirectional(vm.table().pathFilterProperty());
        CountersView.bind(counterBar, vm.facts(), vm.table().statusFilterProperty());
        volumeText.textProperty().bind(vm.facts().volumeProperty());
        hideWhenEmpty(volumeText);
        volumeBanner.visibleProperty().bind(volumeText.visibleProperty());
        volumeBanner.managedProperty().bind(volumeBanner.visibleProperty());
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
        resumeText.textProperty().bind(vm.folders().resumeOfferProperty());
        resumeBanner.visibleProperty().bind(vm.folders().resumeOfferProperty().isNotEmpty()
                .and(vm.busyProperty().not()).and(vm.table().planProperty().isNull()));
        resumeBanner.managedProperty().bind(resumeBanner.visibleProperty());
        resumeButton.setOnAction(e -> compareThen(this::confirmAndSync));
        messageLabel.textProperty().bind(vm.messageProperty());
        hideWhenEmpty(messageLabel);
        summaryLabel.textProperty().bind(vm.summaryProperty());
        hideWhenEmpty(summaryLabel);
        endButtons.visibleProperty().bind(vm.lastRunProperty().isNotNull());
        endButtons.managedProperty().bind(endButtons.visibleProperty());
        openLogsButton.setOnAction(e -> open.accept(vm.logFolder()));
        openDestinationButton.setOnAction(e -> open.accept(Path.of(vm.folders().destinationProperty().get().strip())));
        retryButton.setOnAction(e -> compareThen(this::confirmAndSync));
        retryButton.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.lastRunProperty().get() == null
                || vm.lastRunProperty().get().failed().isEmpty(), vm.lastRunProperty()));
    }

    /** Asks where to save a CSV file, then hands the place to {@code save} (which writes off the UI thread). */
    private void saveAs(String name, Consumer<Path> save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save as CSV");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (spreadsheets)", "*.csv"));
        var chosen = chooser.showSaveDialog(table.getScene().getWindow());
        if (chosen != null) {
            save.accept(chosen.toPath());
        }
    }

    /** Compares, then runs {@code next} once the plan is shown whole. */
    private void compareThen(Runnable next) {
        vm.compare(next);
    }

    /** Asks for the free space (off the UI thread), then asks the user. */
    private void confirmAndSync() {
        if (vm.table().planProperty().get() == null || !vm.table().planProperty().get().hasWork()) {
            return;
        }
        vm.confirmation(this::confirmAndSync);
    }

    private void confirmAndSync(RunText.Confirmation c) {
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
     * "Copy the missing files?", made once and shown for every Sync: building and styling it held the UI thread for
     * frames at its first showing, so {@link #warmUp} makes it before the first Sync.
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

    /**
     * Paths sorted as a user reads them, case aside first (the table's own default, a Collator, takes about a
     * microsecond a comparison: tens of seconds for a million rows).
     */
    private static final Comparator<FileRow> PATHS = Comparator.comparing(FileRow::path,
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));

    /**
     * The order the table's sort columns ask for, from the rows' own values: the table's comparator would read each
     * cell's value through its cell factory, which makes a row's properties (kept for the rows on screen) on whatever
     * thread sorts. Null where no column is sorted (the plan's order).
     */
    private static Comparator<FileRow> order(TableView<FileRow> t,
                                             Map<TableColumn<FileRow, ?>, Comparator<FileRow>> keys) {
        Comparator<FileRow> order = null;
        for (TableColumn<FileRow, ?> c : t.getSortOrder()) {
            Comparator<FileRow> key = keys.get(c);
            if (key != null) {
                key = c.getSortType() == TableColumn.SortType.DESCENDING ? key.reversed() : key;
                order = order == null ? key : order.thenComparing(key);
            }
        }
        return order;
    }

    private void tableColumns() {
        // The table shows the filtered rows in the order PlanTable keeps them in (no SortedList: see sortRows), and a
        // click on a column's header asks it to sort them; the selected row stays selected.
        table.setItems(vm.table().visibleRows());
        Comparator<Instant> unknownFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        Map<TableColumn<FileRow, ?>, Comparator<FileRow>> keys = Map.of(
                statusColumn, Comparator.comparing(FileRow::status),
                pathColumn, PATHS,
                sizeColumn, Comparator.comparingLong(FileRow::size),
                modifiedColumn, Comparator.comparing(FileRow::modified, unknownFirst),
                createdColumn, Comparator.comparing(FileRow::created, unknownFirst),
                progressColumn, Comparator.comparingDouble(FileRow::progress));
        table.setSortPolicy(t -> {
            vm.table().rowOrderProperty().set(order(t, keys));
            FileRow selected = t.getSelectionModel().getSelectedItem();
            vm.table().sortRows(() -> {
                if (selected != null && t.getSelectionModel().getSelectedItem() != selected) {
                    t.getSelectionModel().select(selected);
                }
            });
            return true;
        });
        PlanColumns.status(statusColumn);
        PlanColumns.path(pathColumn);
        PlanColumns.size(sizeColumn);
        PlanColumns.time(modifiedColumn, FileRow::modified);
        PlanColumns.time(createdColumn, FileRow::created);
        PlanColumns.progress(progressColumn);
        PlanColumns.rowMenu(table, vm.folders().sourceProperty()::get, open);
        PlanColumns.fit(table, pathColumn);
        RowDetails details = vm.details();
        details.rowProperty().bind(table.getSelectionModel().selectedItemProperty());
        detailsHeading.textProperty().bind(details.headingProperty());
        detailsStatus.textProperty().bind(details.statusProperty());
        DetailsView.bind(detailsGrid, details);
        detailsPane.visibleProperty().bind(details.headingProperty().isNotEmpty());
        detailsPane.managedProperty().bind(detailsPane.visibleProperty());
    }

    /**
     * Called once the window is shown, before its first frame is drawn: lays the table out with made-up rows
     * ({@link PlanColumns#warmUp}), so that the first compare's rows find its cells made and styled, and builds the
     * confirmation dialog, styled, for the first Sync. No frame is drawn in between: nothing of it is seen.
     */
    void warmUp() {
        PlanColumns.warmUp(table, vm.table().rows());
        confirmation = confirmationDialog();
    }

    private void status() {
        statusBar.textProperty().bind(vm.progress().currentFileProperty());
        statusBar.progressProperty().bind(Bindings.when(vm.busyProperty()).then(vm.progress().fractionProperty())
                .otherwise(0.0));
        Label right = new Label();
        right.textProperty().bind(vm.progress().textProperty());
        statusBar.getRightItems().add(right);
    }

    /**
     * The Threads spinner's values: "Auto" ({@link SyncOptions#BY_DESTINATION}, the engine chooses by the destination
     * volume), then 1 to 64. Typed text that is neither a count nor "auto" leaves the value as it was.
     */
    static SpinnerValueFactory.IntegerSpinnerValueFactory threadCounts(int initial) {
        var counts = new SpinnerValueFactory.IntegerSpinnerValueFactory(SyncOptions.BY_DESTINATION, 64, initial);
        counts.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null || n == SyncOptions.BY_DESTINATION ? "Auto" : Integer.toString(n);
            }

            @Override
            public Integer fromString(String text) {
                String t = text == null ? "" : text.strip();
                if (t.isEmpty() || t.equalsIgnoreCase("auto")) {
                    return SyncOptions.BY_DESTINATION;
                }
                try {
                    return Math.max(1, Math.min(64, Integer.parseInt(t)));
                } catch (NumberFormatException e) {
                    return counts.getValue();
                }
            }
        });
        return counts;
    }
}
