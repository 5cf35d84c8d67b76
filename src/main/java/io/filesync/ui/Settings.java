package io.filesync.ui;

import io.filesync.engine.MatchMode;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs: the last folders, the last 10 folder pairs, match mode, options, theme and
 * the window's size. Kept with {@link Preferences} (on Linux a file under ~/.java/.userPrefs; the registry on Windows;
 * a plist on macOS).
 */
public interface Settings {
    /** Remembers nothing: for tests, and for a window opened with folders given on the command line. */
    Settings NONE = new Settings() {
    };

    default void load(MainViewModel vm) {
    }

    /** Takes what {@code vm} holds now; {@link #flush} then writes it. */
    default void save(MainViewModel vm) {
    }

    /** Writes what was saved to the disk (off the UI thread: it touches the home folder). */
    default void flush() {
    }

    default double[] windowSize() {
        return new double[]{1100, 720};
    }

    default void saveWindowSize(double width, double height) {
    }

    /** The user's own settings. */
    static Settings user() {
        return in(Preferences.userRoot().node("io/filesync"));
    }

    /** Settings kept in {@code p}. */
    static Settings in(Preferences p) {
        return new Settings() {
            @Override
            public void load(MainViewModel vm) {
                vm.folders().sourceProperty().set(p.get("source", ""));
                vm.folders().destinationProperty().set(p.get("destination", ""));
                try {
                    vm.matchProperty().set(MatchMode.valueOf(p.get("match", MatchMode.PATH.name())));
                } catch (IllegalArgumentException e) {
                    vm.matchProperty().set(MatchMode.PATH);
                }
                vm.verifyProperty().set(p.getBoolean("verify", false));
                try {
                    vm.themeProperty().set(Theme.valueOf(p.get("theme", Theme.SYSTEM.name())));
                } catch (IllegalArgumentException e) {
                    vm.themeProperty().set(Theme.SYSTEM);
                }
                vm.threadsProperty().set(Math.max(1, Math.min(64, p.getInt("threads",
                        vm.threadsProperty().get()))));
                List<RecentPairs.Pair> recent = new ArrayList<>();
                for (int i = 0; i < RecentPairs.MAX; i++) {
                    String source = p.get("recent." + i + ".source", null);
                    String destination = p.get("recent." + i + ".destination", null);
                    if (source != null && destination != null) {
                        recent.add(new RecentPairs.Pair(source, destination));
                    }
                }
                vm.recent().setAll(recent);
            }

            @Override
            public void save(MainViewModel vm) {
                p.put("source", vm.folders().sourceProperty().get());
                p.put("destination", vm.folders().destinationProperty().get());
                p.put("match", vm.matchProperty().get().name());
                p.putBoolean("verify", vm.verifyProperty().get());
                p.put("theme", vm.themeProperty().get().name());
                p.putInt("threads", vm.threadsProperty().get());
                List<RecentPairs.Pair> recent = vm.recent().pairs();
                for (int i = 0; i < RecentPairs.MAX; i++) {
                    if (i < recent.size()) {
                        p.put("recent." + i + ".source", recent.get(i).source());
                        p.put("recent." + i + ".destination", recent.get(i).destination());
                    } else {
                        p.remove("recent." + i + ".source");
                        p.remove("recent." + i + ".destination");
                    }
                }
            }

            @Override
            public double[] windowSize() {
                return new double[]{p.getDouble("width", 1100), p.getDouble("height", 720)};
            }

            @Override
            public void saveWindowSize(double width, double height) {
                p.putDouble("width", width);
                p.putDouble("height", height);
                flush();
            }

            @Override
            public void flush() {
                try {
                    p.flush();
                } catch (BackingStoreException e) {
                    // Remembering folders is a convenience; a read-only home must not stop a backup.
                    System.err.println("FileSync could not save its settings: " + e.getMessage());
                }
            }
        };
    }
}
