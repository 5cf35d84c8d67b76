package io.filesync.ui;

import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncEngine;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Build tooling, not a feature: the window's part of the AOT training run ({@code io.filesync.AotTraining}). Opens
 * the real window on JavaFX's own headless platform (no display at build time), compares two folders, syncs the
 * plan into the table and closes, so the AOT cache holds the JavaFX, ControlsFX and FileSync classes the window
 * loads and links (about 3,700 that loaded from the image's modules at every start before). Only the platform's
 * own classes (GTK, the hardware pipeline) still load at start.
 */
public final class WindowTraining extends Application {
    private static final long GIVE_UP_SECONDS = 60;
    private static volatile boolean synced;

    /**
     * Opens, compares {@code source} with {@code destination}, syncs, closes; returns once the window is gone: true
     * when the sync ran to its end, false when the window gave up waiting for it (after a minute).
     */
    public static boolean run(Path source, Path destination, Path home) {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("prism.order", "sw");
        Application.launch(WindowTraining.class, source.toString(), destination.toString(), home.toString());
        return synced;
    }

    @Override
    public void start(Stage stage) throws Exception {
        var args = getParameters().getRaw();
        ScheduledThreadPoolExecutor timer = FileSyncApp.pacer();
        // Never hang the build: whatever happens, the window closes after a minute.
        timer.schedule(() -> Platform.runLater(Platform::exit), GIVE_UP_SECONDS, TimeUnit.SECONDS);
        MainViewModel vm = new MainViewModel(new SyncEngine(FilesyncHome.resolve(Path.of(args.get(2)))),
                new FxTaskExecutor(Platform::runLater, timer), Settings.NONE);
        vm.folders().sourceProperty().set(args.get(0));
        vm.folders().destinationProperty().set(args.get(1));
        FileSyncApp.show(stage, vm, Settings.NONE, folder -> { });
        FileSyncApp.loadNotificationClasses();
        vm.lastRunProperty().addListener((o, a, s) -> {
            if (s != null) {
                synced = true;
                Platform.exit();
            }
        });
        vm.compare(() -> {
            if (!vm.sync()) {
                Platform.exit();
            }
        });
    }
}
