package io.filesync.ui;

import io.filesync.engine.FilesyncHome;
import io.filesync.engine.MatchMode;
import io.filesync.engine.SyncEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window remembers the last folders, match mode, options, theme and its size. */
class SettingsTest {
    @TempDir
    Path tmp;

    @Test
    void whatWasChosenLastTimeComesBack() throws Exception {
        Preferences node = Preferences.userRoot().node("io/filesync-test-" + System.nanoTime());
        try {
            Settings settings = Settings.in(node);
            SyncEngine engine = new SyncEngine(new FilesyncHome(tmp.resolve("home")));
            Path src = Files.createDirectories(tmp.resolve("src"));
            Path dst = Files.createDirectories(tmp.resolve("dst"));
            MainViewModel first = new MainViewModel(engine, new SynchronousTaskExecutor(), settings);
            first.folders().sourceProperty().set(src.toString());
            first.folders().destinationProperty().set(dst.toString());
            first.matchProperty().set(MatchMode.NAME);
            first.verifyProperty().set(true);
            first.threadsProperty().set(3);
            first.themeProperty().set(Theme.DARK);
            first.recent().add(new RecentPairs.Pair("/a", "/b"));
            first.recent().add(new RecentPairs.Pair("/c", "/d"));
            settings.save(first);
            settings.flush();
            settings.saveWindowSize(812, 604);

            MainViewModel next = new MainViewModel(engine, new SynchronousTaskExecutor(), Settings.in(node));
            assertEquals(src.toString(), next.folders().sourceProperty().get());
            assertEquals(dst.toString(), next.folders().destinationProperty().get());
            assertEquals(MatchMode.NAME, next.matchProperty().get());
            assertTrue(next.verifyProperty().get());
            assertEquals(3, next.threadsProperty().get());
            assertEquals(Theme.DARK, next.themeProperty().get());
            assertEquals(java.util.List.of(new RecentPairs.Pair("/c", "/d"), new RecentPairs.Pair("/a", "/b")),
                    next.recent().pairs());
            assertArrayEquals(new double[]{812, 604}, Settings.in(node).windowSize());
        } finally {
            node.removeNode();
        }
    }

    @Test
    void threadsLeftAtTheOldDefaultBecomeAutoAndAChosenCountStays() throws Exception {
        Preferences node = Preferences.userRoot().node("io/filesync-test-" + System.nanoTime());
        try {
            SyncEngine engine = new SyncEngine(new FilesyncHome(tmp.resolve("home")));
            node.putInt("threads", io.filesync.engine.SyncOptions.defaultThreads()); // saved by an older version
            assertEquals(0, new MainViewModel(engine, new SynchronousTaskExecutor(), Settings.in(node))
                    .threadsProperty().get(), "the old default, saved whether chosen or not, is Auto now");
            node.putInt("threads", 1); // a count the user chose in an older version
            MainViewModel vm = new MainViewModel(engine, new SynchronousTaskExecutor(), Settings.in(node));
            assertEquals(1, vm.threadsProperty().get());
            vm.threadsProperty().set(0);
            Settings.in(node).save(vm);
            assertEquals(0, new MainViewModel(engine, new SynchronousTaskExecutor(), Settings.in(node))
                    .threadsProperty().get(), "Auto is saved as Auto");
            assertEquals(-1, node.getInt("threads", -1), "the older key is gone once saved");
        } finally {
            node.removeNode();
        }
    }

}
