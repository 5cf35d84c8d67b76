package io.filesync.ui;

import io.filesync.engine.FilesyncHome;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SyncEngine;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The FileSync window. {@code filesync} with no command opens it; {@code --source A --dest B} fills the fields. */
public final class FileSyncApp extends Application {
    private ScheduledExecutorService timer;
    private MainViewModel vm;
    private Settings settings;

    /**
     * Opens the window and returns 0 when it is closed; when it cannot open here (no display, no GTK), says so in
     * one sentence on stderr and returns 2, the CLI's exit code for a run that touched nothing.
     */
    public static int open(Path source, Path destination) {
        List<String> args = new java.util.ArrayList<>();
        if (source != null) {
            args.add("--source=" + source);
        }
        if (destination != null) {
            args.add("--dest=" + destination);
        }
        try {
            Application.launch(FileSyncApp.class, args.toArray(String[]::new));
        } catch (UnsupportedOperationException e) { // JavaFX's word for "no windowing system here"
            System.err.println(whyNoWindow(String.valueOf(e.getMessage())));
            return 2;
        }
        return 0;
    }

    static String whyNoWindow(String javafxMessage) {
        String what = javafxMessage.contains("DISPLAY")
                ? "there is no display to show it on (DISPLAY is not set or not reachable); run FileSync in a desktop"
                + " session, or"
                : javafxMessage.contains("GTK")
                ? "GTK 3, which JavaFX needs on Linux, is missing (Debian/Ubuntu: apt-get install libgtk-3-0); install"
                + " it, or"
                : "JavaFX says \"" + javafxMessage + "\";";
        return "The window cannot open: " + what + " use the commands, which need no window: filesync plan|sync|verify"
                + " SOURCE DEST.";
    }

    /**
     * On JavaFX's launcher thread, before the FX thread has work: the settings are read from disk here (Preferences
     * reads its store at the first access), so the FX thread never waits on that file.
     */
    @Override
    public void init() {
        HeapTarget.keep();
        var named = getParameters().getNamed();
        boolean given = named.containsKey("source") || named.containsKey("dest");
        settings = given ? Settings.NONE : Settings.user();
        settings.windowSize();
    }

    @Override
    public void start(Stage stage) throws IOException {
        var named = getParameters().getNamed();
        boolean given = named.containsKey("source") || named.containsKey("dest");
        ScheduledThreadPoolExecutor pacer = pacer();
        timer = pacer;
        vm = new MainViewModel(new SyncEngine(FilesyncHome.resolve(null)),
                new FxTaskExecutor(Platform::runLater, timer), settings);
        if (given) {
            vm.folders().sourceProperty().set(named.getOrDefault("source", ""));
            vm.folders().destinationProperty().set(named.getOrDefault("dest", ""));
        }
        show(stage, vm, settings, folder -> getHostServices().showDocument(folder.toUri().toString()));
        loadNotificationClasses();
        vm.lastRunProperty().addListener((o, a, s) -> {
            if (s != null) {
                // A few frames after the end's summary and buttons, so the two do not share one frame.
                PauseTransition later = new PauseTransition(Duration.millis(NOTIFY_AFTER_MILLIS));
                later.setOnFinished(e -> notifyEnd(s));
                later.play();
            }
        });
    }

    /**
     * The view model's timer: one daemon thread that paces its batches, started now, from the UI thread (a thread
     * started later by the compare or sync would inherit their lower priority, and the batches it paces would wait
     * behind the copying).
     */
    static ScheduledThreadPoolExecutor pacer() {
        ScheduledThreadPoolExecutor pacer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "filesync-ui-pacer");
            t.setDaemon(true);
            return t;
        });
        pacer.prestartAllCoreThreads();
        return pacer;
    }

    /**
     * Builds the window over {@code vm}; also what the UI tests call. (The desktop notification at the end of a run
     * is added by {@link #start}: JavaFX's headless platform cannot draw a popup outside the window.)
     */
    static void show(Stage stage, MainViewModel vm, Settings settings, java.util.function.Consumer<Path> open)
            throws IOException {
        Appearance.follow(vm.themeProperty());
        FXMLLoader loader = new FXMLLoader(FileSyncApp.class.getResource("MainView.fxml"));
        loader.setControllerFactory(type -> new MainController(vm, open));
        Parent root = loader.load();
        double[] size = settings.windowSize();
        Scene scene = new Scene(root, size[0], size[1]);
        notificationStylesheet().ifPresent(scene.getStylesheets()::add);
        scene.getStylesheets().add(Objects.requireNonNull(FileSyncApp.class.getResource("main.css")).toExternalForm());
        stage.titleProperty().bind(vm.progress().titleProperty());
        stage.getIcons().add(new Image(Objects.requireNonNull(FileSyncApp.class.getResourceAsStream("filesync.png"))));
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            settings.saveWindowSize(stage.getWidth(), stage.getHeight());
            vm.cancelAndWait(5_000); // a running sync stops cleanly: no partial file, checkpoint saved
        });
        stage.show();
        // Before the first frame is drawn: the window appears that much later, but the first compare and the first
        // Sync do not pause it as long.
        loader.<MainController>getController().warmUp();
        PulseProbe.startIfAsked();
    }

    /**
     * ControlsFX's notification stylesheet, as ControlsFX itself names it. At the first notification ControlsFX
     * puts it first among the window's stylesheets unless it is there already, and a scene whose stylesheets change
     * restyles every node it has: the end of the first run held the UI thread twice for that, now once (the
     * notification's own first showing; bench/README.md, "Figures behind the design"). Put there before the window
     * is first styled, it costs nothing. (Read through the module's reader: the package is not open to this
     * module, so {@code Class.getResource} would not find it from here; the name read back is ControlsFX's own,
     * checked in the packaged window, so it does not add a second copy.)
     */
    static Optional<String> notificationStylesheet() {
        return ModuleLayer.boot().configuration().findModule("org.controlsfx.controls").flatMap(m -> {
            try (var reader = m.reference().open()) {
                return reader.find("org/controlsfx/control/notificationpopup.css");
            } catch (IOException e) {
                return Optional.empty();
            }
        }).flatMap(uri -> {
            try {
                return Optional.of(uri.toURL().toExternalForm());
            } catch (MalformedURLException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    static final long NOTIFY_AFTER_MILLIS = 250;

    /**
     * Loads (and initialises) the classes of ControlsFX's notification now, at start, rather than at the end of the
     * first run (the notification's first showing held the UI thread there). Its internal classes are named by
     * string: should a ControlsFX update rename them, the notification still works, only later loaded.
     */
    static void loadNotificationClasses() {
        ClassLoader l = Notifications.class.getClassLoader();
        for (String c : List.of("org.controlsfx.control.Notifications$NotificationPopupHandler",
                "org.controlsfx.control.Notifications$NotificationPopupHandler$1",
                "org.controlsfx.control.Notifications$NotificationPopupHandler$CustomTransition",
                "impl.org.controlsfx.skin.NotificationBar", "impl.org.controlsfx.skin.NotificationBar$1",
                "javafx.stage.Popup", "javafx.animation.Timeline", "javafx.animation.KeyFrame",
                "javafx.animation.KeyValue", "javafx.animation.ParallelTransition",
                "javafx.animation.FadeTransition", "javafx.animation.TranslateTransition")) {
            try {
                Class.forName(c, true, l);
            } catch (ClassNotFoundException | LinkageError e) {
                // only later loaded
            }
        }
    }

    private static void notifyEnd(RunSummary s) {
        try {
            Notifications.create().title("FileSync").text(switch (s.end()) {
                case COMPLETED -> s.failed().isEmpty() ? "The sync is done." : "The sync is done, with failures.";
                case CANCELLED -> "The sync was cancelled.";
                case STOPPED, INTERNAL_ERROR -> "The sync stopped: " + s.stopReason();
            }).showInformation();
            PulseProbe.mark("notification shown");
        } catch (RuntimeException e) {
            // A notification is a courtesy; the summary line in the window says the same.
        }
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.cancelAndWait(5_000);
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
