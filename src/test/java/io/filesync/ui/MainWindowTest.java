package io.filesync.ui;

import io.filesync.Tree;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncEngine;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real main window, driven headlessly with TestFX on JavaFX's own headless platform. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    static Path tmp;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private MainViewModel vm;
    private Stage stage;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = tmp.resolve("home-" + System.nanoTime());
        SyncEngine engine = new SyncEngine(new FilesyncHome(home));
        vm = new MainViewModel(engine, new FxTaskExecutor(javafx.application.Platform::runLater, timer), Settings.NONE);
        FileSyncApp.show(stage, vm, new Settings() {
            @Override
            public double[] windowSize() {
                return new double[]{900, 640}; // the headless screen is 1000 x 1000: stay inside it
            }
        }, p -> { });
        stage.setX(0);
        stage.setY(0);
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static Tree photos(Path root, int n) {
        Tree t = Tree.at(root);
        for (int i = 0; i < n; i++) {
            t.file("2019/trip/IMG_" + i + ".jpg", 1000 + i, "2019-08-0" + (1 + i % 9) + "T10:00:00.123456789Z");
        }
        return t;
    }

    /** Types both folders and waits until they are checked (off the UI thread, as at every keystroke). */
    private void setFolders(FxRobot robot, Path src, Path dst) throws Exception {
        robot.interact(() -> {
            robot.lookup("#sourceField").queryAs(TextField.class).setText(src.toString());
            robot.lookup("#destinationField").queryAs(TextField.class).setText(dst.toString());
        });
        foldersChecked();
    }

    private void foldersChecked() throws Exception {
        waitFor("the folders are checked", () -> !vm.folders().checkingProperty().get());
    }

    /** Clicks Sync and waits for its confirmation (shown once the destination's free space is read). */
    private static Label syncAsked(FxRobot robot) throws Exception {
        robot.clickOn("#syncButton");
        waitFor("the confirmation is shown", () -> robot.lookup(".dialog-pane .content").tryQuery().isPresent());
        return robot.lookup(".dialog-pane .content").queryAs(Label.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<FileRow> table(FxRobot robot) {
        return robot.lookup("#table").queryAs(TableView.class);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void compareShowsThePendingFilesAndSyncCopiesThemWithTheirTimes(FxRobot robot) throws Exception {
        Tree src = photos(tmp.resolve("a-src"), 12);
        Path dst = Files.createDirectories(tmp.resolve("a-dst"));
        Tree.run("cp", "-a", src.path("2019").toString(), dst.toString());
        Files.delete(dst.resolve("2019/trip/IMG_3.jpg"));
        Files.delete(dst.resolve("2019/trip/IMG_7.jpg"));
        setFolders(robot, src.root(), dst);

        robot.clickOn("#compareButton");
        waitFor("the table shows the two missing files", () -> table(robot).getItems().size() == 2);
        assertEquals(List.of("2019/trip/IMG_3.jpg", "2019/trip/IMG_7.jpg"),
                table(robot).getItems().stream().map(FileRow::path).sorted().toList());
        // The plan as counters, the volume's facts once in a banner above them.
        assertEquals("To copy: 2 files, 2.01 kB. Press to show only these rows.",
                robot.lookup("#counter-to-copy").query().getAccessibleText());
        assertEquals("Present: 10 files, 10.1 kB", robot.lookup("#counter-present").query().getAccessibleText());
        assertTrue(robot.lookup("#counterBar").query().getAccessibleText().startsWith("2 files (2.01 kB) to copy · 10"
                + " files already present"), "the counters in one sentence, for a screen reader");
        assertTrue(robot.lookup("#volumeBanner").query().isVisible());
        String facts = robot.lookup("#volumeText").queryAs(Label.class).getText();
        assertTrue(facts.contains("creation time"), facts);

        assertEquals("FileSync", stage.getTitle());
        List<String> titles = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> stage.titleProperty().addListener((o, a, b) -> titles.add(b)));
        syncAsked(robot);
        robot.clickOn("Copy"); // the confirmation dialog
        waitFor("both rows reach Copied", () -> table(robot).getItems().stream()
                .allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT));
        for (String rel : List.of("2019/trip/IMG_3.jpg", "2019/trip/IMG_7.jpg")) {
            assertEquals(Tree.times(src.path(rel)).modified(), Tree.times(dst.resolve(rel)).modified(), rel);
            assertEquals(Tree.times(src.path(rel)).accessed(), Tree.times(dst.resolve(rel)).accessed(), rel);
        }
        waitFor("the summary says it is done", () -> robot.lookup("#summaryLabel").queryAs(Label.class).getText()
                .startsWith("Done: the destination has every file."));
        assertTrue(titles.stream().anyMatch(t -> t.matches("FileSync — \\d+ % — \\d left")), titles.toString());
        assertEquals("FileSync", stage.getTitle(), "the title is back once the run ended");
        // Threads left at Auto: the engine chose the count by the destination, as the command line does.
        assertEquals("Auto", robot.lookup("#threadsSpinner").queryAs(Spinner.class).getEditor().getText());
        List<String> threadLines = Files.readAllLines(home.resolve("filesync.log")).stream()
                .filter(l -> l.matches(".*Z \\d+ copy threads?: .*")).toList();
        assertEquals(1, threadLines.size(), threadLines.toString());
        assertTrue(threadLines.getFirst().matches(".*Z \\d+ copy threads?: (one|4 onto|2 per).*"), threadLines.toString());

        // The confirmation is built once and shown again for the next Sync, with that plan's numbers.
        Files.delete(dst.resolve("2019/trip/IMG_5.jpg"));
        robot.clickOn("#compareButton");
        waitFor("the table shows the one missing file", () -> table(robot).getItems().size() == 1);
        Label asked = syncAsked(robot);
        assertTrue(asked.getText().startsWith("Copy 1 file "), asked.getText());
        robot.clickOn("Copy");
        waitFor("it is copied", () -> Files.exists(dst.resolve("2019/trip/IMG_5.jpg"))
                && table(robot).getItems().getFirst().status() == RowStatus.COPIED_CREATION_NOT_KEPT);
    }

    @Test
    void theWindowWearsAtlantaFxFollowingTheSystemAndTheViewMenuTurnsItDark(FxRobot robot) throws Exception {
        ColorScheme system = WaitForAsyncUtils.asyncFx(() -> javafx.application.Platform.getPreferences()
                .getColorScheme()).get();
        assertTrue(Application.getUserAgentStylesheet().contains(system == ColorScheme.DARK ? "primer-dark"
                : "primer-light"), Application.getUserAgentStylesheet());
        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu themes = (Menu) menus.getMenus().stream().filter(m -> m.getText().equals("_View")).findFirst()
                .orElseThrow().getItems().getFirst();
        robot.interact(() -> themes.getItems().stream().filter(i -> i.getText().equals("_Dark")).findFirst()
                .orElseThrow().fire());
        assertEquals(Theme.DARK, vm.themeProperty().get());
        assertTrue(Application.getUserAgentStylesheet().contains("primer-dark"), Application.getUserAgentStylesheet());
        // Our own stylesheet names the theme's colour tokens, so the problem text turns with it.
        robot.interact(() -> vm.folders().sourceProperty().set(tmp.resolve("nope").toString()));
        foldersChecked();
        Label problem = robot.lookup("#sourceProblem").queryAs(Label.class);
        assertEquals(Color.web("#f85149"), problem.getTextFill(), "primer-dark's -color-danger-fg");
        robot.interact(() -> vm.themeProperty().set(Theme.LIGHT));
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"));
        robot.interact(() -> problem.applyCss());
        assertEquals(Color.web("#cf222e"), problem.getTextFill(), "primer-light's -color-danger-fg");
    }

    @Test
    void theStylesheetNamesColourTokensNotColours() throws Exception {
        String css;
        try (var in = FileSyncApp.class.getResourceAsStream("main.css")) {
            css = new String(Objects.requireNonNull(in).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertFalse(java.util.regex.Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(").matcher(css).find(), css);
    }

    @Test
    void atTheDefaultSizeTheTableFitsWithPathTakingTheSpareWidthAndTheDetailsShowBothTimes(FxRobot robot)
            throws Exception {
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(720);
        });
        Tree src = photos(tmp.resolve("f-src"), 40);
        Path dst = Files.createDirectories(tmp.resolve("f-dst"));
        setFolders(robot, src.root(), dst);
        robot.clickOn("#compareButton");
        waitFor("compared", () -> table(robot).getItems().size() == 42);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<FileRow> t = table(robot);
        double columns = t.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(columns <= t.getWidth(), columns + " of columns in a table " + t.getWidth() + " wide");
        assertTrue(robot.lookup(".table-view .scroll-bar").queryAllAs(ScrollBar.class).stream()
                .noneMatch(b -> b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()), "no sideways scroll");
        TableColumn<FileRow, ?> path = t.getColumns().get(1);
        assertEquals("Path", path.getText());
        assertTrue(t.getColumns().stream().allMatch(c -> c == path || c.getWidth() < path.getWidth()),
                "Path is the widest column");

        syncAsked(robot);
        robot.clickOn("Copy");
        waitFor("copied", () -> t.getItems().stream().allMatch(r -> r.status() == RowStatus.COPIED_CREATION_NOT_KEPT
                || r.status() == RowStatus.COPIED));
        // The Status column says a word or two; the sentence is the cell's tooltip.
        FileRow first = t.getItems().getFirst();
        TableCell<?, ?> cell = robot.lookup(".status-cell").queryAll().stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() == first).findFirst().orElseThrow();
        assertEquals("Copied", cell.getText());
        assertTrue(cell.getTooltip().getText().startsWith("Copied"), cell.getTooltip().getText());

        FileRow img = t.getItems().stream().filter(r -> r.path().endsWith("IMG_4.jpg")).findFirst().orElseThrow();
        robot.interact(() -> t.getSelectionModel().select(img));
        waitFor("the details pane shows the row", () -> robot.lookup("#detailsPane").query().isVisible()
                && robot.lookup("#detailsHeading").queryAs(Label.class).getText().equals("2019/trip/IMG_4.jpg"));
        GridPane grid = robot.lookup("#detailsGrid").queryAs(GridPane.class);
        waitFor("the copy's times are read", () -> !cellText(grid, 2, 1).equals("…"));
        assertEquals("Modified", cellText(grid, 0, 1));
        assertEquals(cellText(grid, 1, 1), cellText(grid, 2, 1), "source and copy modified alike");
        assertTrue(cellText(grid, 1, 1).endsWith(".123456789"), cellText(grid, 1, 1));
        assertEquals("kept", cellText(grid, 3, 1));
        assertEquals("Created", cellText(grid, 0, 3));
        assertFalse(cellText(grid, 3, 3).isEmpty());
    }

    private static String cellText(GridPane grid, int column, int row) {
        return grid.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == column
                && GridPane.getRowIndex(n) == row).map(n -> ((Label) n).getText()).findFirst().orElseThrow();
    }

    @Test
    void everyControlIsReachedWithTabAndSaysWhatItIsToAScreenReader(FxRobot robot) throws Exception {
        Tree src = photos(tmp.resolve("k-src"), 3);
        Path dst = Files.createDirectories(tmp.resolve("k-dst"));
        setFolders(robot, src.root(), dst);
        robot.clickOn("#compareButton");
        waitFor("compared", () -> table(robot).getItems().size() == 5);
        Parent root = stage.getScene().getRoot();
        List<Control> controls = new ArrayList<>();
        collect(root, controls);
        Set<Node> labelled = new HashSet<>();
        robot.lookup(".label").queryAllAs(Label.class).forEach(l -> labelled.add(l.getLabelFor()));
        List<String> mute = controls.stream().filter(c -> !labelled.contains(c)
                && (c.getAccessibleText() == null || c.getAccessibleText().isBlank())
                && !(c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()))
                .map(c -> c.getClass().getSimpleName() + "#" + c.getId()).toList();
        assertEquals(List.of(), mute, "controls with nothing for a screen reader to say");

        // Tab from the source field goes round every control that can be used now.
        List<Control> usable = controls.stream().filter(c -> !c.isDisabled()).toList();
        robot.clickOn("#sourceField");
        Set<Node> reached = new HashSet<>();
        for (int i = 0; i < usable.size() * 2; i++) {
            Node focused = stage.getScene().getFocusOwner();
            for (Node n = focused; n != null; n = n.getParent()) {
                reached.add(n);
            }
            robot.type(KeyCode.TAB);
        }
        List<String> unreached = usable.stream().filter(c -> !reached.contains(c))
                .map(c -> c.getClass().getSimpleName() + "#" + c.getId()).toList();
        assertEquals(List.of(), unreached, "controls Tab does not reach");
        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        assertTrue(menus.getMenus().stream().allMatch(m -> m.isMnemonicParsing() && m.getText().contains("_")),
                "every menu has its Alt letter");
    }

    /** The window's own controls that are shown (not the parts of a table, combo box or spinner). */
    private static void collect(Node n, List<Control> out) {
        if (!n.isVisible() || n instanceof MenuBar) { // the menus are reached with Alt and their letter (below), or F10
            return;
        }
        if (n instanceof Control c && !(n instanceof Label) && !(n instanceof ScrollBar)) {
            out.add(c);
            if (n instanceof TableView || n instanceof ComboBox || n instanceof Spinner) {
                return;
            }
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    @Test
    void theThreadsSpinnerOffersAutoThenCountsAndIgnoresOtherText(FxRobot robot) {
        @SuppressWarnings("unchecked")
        Spinner<Integer> spinner = robot.lookup("#threadsSpinner").queryAs(Spinner.class);
        assertEquals("Auto", spinner.getEditor().getText());
        assertEquals(0, vm.threadsProperty().get());
        robot.interact(() -> spinner.increment());
        assertEquals("1", spinner.getEditor().getText());
        assertEquals(1, vm.threadsProperty().get());
        for (String[] typed : new String[][]{{"3", "3"}, {"seven", "3"}, {"auto", "Auto"}, {"99", "64"}, {"", "Auto"}}) {
            robot.interact(() -> {
                spinner.getEditor().setText(typed[0]);
                spinner.getEditor().fireEvent(new javafx.event.ActionEvent()); // Enter
            });
            assertEquals(typed[1], spinner.getEditor().getText(), "typed \"" + typed[0] + "\"");
        }
        assertEquals(0, vm.threadsProperty().get());
        robot.interact(() -> spinner.decrement());
        assertEquals("Auto", spinner.getEditor().getText(), "Auto is the lowest value");
    }

    @Test
    void theWindowOpensWithAnEmptyTable(FxRobot robot) {
        // The rows the window lays out before its first frame (warmUp) are gone before anything is drawn.
        assertTrue(table(robot).getItems().isEmpty());
        assertTrue(robot.lookup("Compare two folders to see the files the destination is missing.").tryQuery()
                .isPresent(), "the table's placeholder is shown");
    }

    @Test
    void anInvalidFolderShowsItsMessageAndDisablesCompareAndSync(FxRobot robot) throws Exception {
        Tree src = photos(tmp.resolve("b-src"), 2);
        setFolders(robot, src.root(), src.path("2019"));
        Label problem = robot.lookup("#destinationProblem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().contains("is inside the source"), problem.getText());
        assertTrue(robot.lookup("#compareButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#syncButton").queryAs(Button.class).isDisabled());

        robot.interact(() -> robot.lookup("#sourceField").queryAs(TextField.class).setText(tmp.resolve("nope")
                .toString()));
        foldersChecked();
        assertEquals("This folder does not exist.", robot.lookup("#sourceProblem").queryAs(Label.class).getText());
    }

    @Test
    void pauseThenCancelMidRunLeavesNoPartialFileAndTheResumeBannerAppears(FxRobot robot) throws Exception {
        Tree src = Tree.at(tmp.resolve("c-src"));
        for (int i = 0; i < 120; i++) {
            src.file("big/f" + i + ".bin", 1 << 20, "2015-01-01T00:00:00Z");
        }
        Path dst = Files.createDirectories(tmp.resolve("c-dst"));
        setFolders(robot, src.root(), dst);
        robot.interact(() -> {
            vm.threadsProperty().set(1);
            vm.verifyProperty().set(true); // slower, so the cancel lands mid-run
        });
        robot.clickOn("#compareButton");
        waitFor("compared", () -> table(robot).getItems().size() == 121);
        syncAsked(robot);
        robot.clickOn("Copy");
        // Copies are named in batches, so a row turns "copied" only with its batch: wait until the single copy
        // thread is on its third file (the first two are done and waiting for their names), then pause, which names
        // them. Pause first, so the cancel surely lands mid-run however fast this disk is; a paused run still cancels.
        waitFor("two files copied", () -> table(robot).getItems().stream().anyMatch(r -> !r.isFolder()
                && r.status() == RowStatus.COPYING && !r.path().equals("big/f0.bin") && !r.path().equals("big/f1.bin")));
        robot.interact(vm::pause);
        assertEquals("Res_ume", robot.lookup("#pauseButton").queryAs(Button.class).getText());
        robot.clickOn("#cancelButton");
        robot.clickOn("Cancel the sync");
        waitFor("the run ended", () -> !vm.busyProperty().get());
        try (Stream<Path> all = Files.walk(dst)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".filesync-")).toList(),
                    "no partial file");
        }
        long copied = Tree.files(dst).size();
        assertTrue(copied > 0 && copied < 120, copied + " copied");

        // Choosing the folders again offers to resume.
        robot.interact(() -> robot.lookup("#destinationField").queryAs(TextField.class).setText(""));
        robot.interact(() -> robot.lookup("#destinationField").queryAs(TextField.class).setText(dst.toString()));
        foldersChecked();
        Node banner = robot.lookup("#resumeBanner").query();
        assertTrue(banner.isVisible(), "the resume banner is shown");
        assertTrue(robot.lookup("#resumeText").queryAs(Label.class).getText().contains("cancelled"));
    }

    @Test
    void theStatusAndPathFiltersNarrowTheTable(FxRobot robot) throws Exception {
        Tree src = photos(tmp.resolve("d-src"), 15);
        Path dst = Files.createDirectories(tmp.resolve("d-dst"));
        Tree.at(dst).file("2019/trip/IMG_0.jpg", "edited", "2020-01-01T00:00:00Z");
        setFolders(robot, src.root(), dst);
        robot.clickOn("#compareButton");
        waitFor("compared", () -> table(robot).getItems().size() == 15);

        // A counter filters the table; pressed again, it shows every row.
        robot.clickOn("#counter-differ");
        waitFor("the counter keeps the one that differs", () -> table(robot).getItems().size() == 1);
        assertEquals(StatusFilter.DIFFERS, vm.table().statusFilterProperty().get());
        robot.clickOn("#counter-differ");
        waitFor("every row again", () -> table(robot).getItems().size() == 15);

        // The File menu offers the pair again.
        Menu recent = (Menu) robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().getFirst().getItems()
                .getFirst();
        assertEquals(src.root() + "  →  " + dst, recent.getItems().getFirst().getText());
        robot.interact(() -> vm.folders().destinationProperty().set(""));
        robot.interact(() -> recent.getItems().getFirst().fire());
        assertEquals(dst.toString(), robot.lookup("#destinationField").queryAs(TextField.class).getText());
        foldersChecked();
        robot.clickOn("#compareButton");
        waitFor("compared again", () -> table(robot).getItems().size() == 15);

        // An exclusion typed in the window: the entry is listed as skipped, with its pattern.
        robot.clickOn("#exclusionsField").write("IMG_14.jpg");
        robot.clickOn("#compareButton");
        waitFor("compared with the exclusion", () -> table(robot).getItems().stream()
                .anyMatch(r -> r.statusTextProperty().get().equals("Skipped: excluded by IMG_14.jpg")));
        robot.interact(() -> robot.lookup("#exclusionsField").queryAs(TextField.class).setText(""));
        robot.clickOn("#compareButton");
        waitFor("compared without it", () -> table(robot).getItems().size() == 15
                && table(robot).getItems().stream().noneMatch(r -> r.status() == RowStatus.SKIPPED));

        robot.clickOn("#pathFilterField").write("IMG_1");
        waitFor("the path filter narrows the table", () -> table(robot).getItems().size() == 6);
        robot.interact(() -> robot.lookup("#pathFilterField").queryAs(TextField.class).setText(""));
        @SuppressWarnings("unchecked")
        ComboBox<StatusFilter> status = robot.lookup("#statusFilterChoice").queryAs(ComboBox.class);
        robot.interact(() -> status.setValue(StatusFilter.NOT_COPIED));
        waitFor("the status filter keeps the one that differs", () -> table(robot).getItems().size() == 1);
        assertEquals(RowStatus.DIFFERS, table(robot).getItems().getFirst().status());
        assertFalse(table(robot).getItems().isEmpty());
    }
}
