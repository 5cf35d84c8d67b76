package io.filesync.ui;

import io.filesync.engine.MatchMode;
import io.filesync.engine.SyncOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs: the last folders, the last 10 folder pairs and each one's exclusions, match
 * mode, options, theme and the window's size. Kept with {@link Preferences} (on Linux a file under ~/.java/.userPrefs;
 * the registry on Windows; a plist on macOS).
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

    /** Puts the exclusions remembered for the folders {@code vm} holds now into its fields (none: empty). */
    default void loadExclusions(MainViewModel vm) {
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
                vm.threadsProperty().set(threads(p));
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
                p.putInt("copyThreads", vm.threadsProperty().get());
                p.remove("threads");
                Preferences pair = pair(p, vm, true);
                if (pair != null) {
                    pair.put("exclude", vm.exclusions().patternsProperty().get());
                    pair.putBoolean("excludeJunk", vm.exclusions().junkProperty().get());
                }
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
            public void loadExclusions(MainViewModel vm) {
                Preferences pair = pair(p, vm, false);
                vm.exclusions().patternsProperty().set(pair == null ? "" : pair.get("exclude", ""));
                vm.exclusions().junkProperty().set(pair != null && pair.getBoolean("excludeJunk", false));
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

    /**
     * The node of the folder pair {@code vm} holds (named by a digest of the two paths: a node's name is limited to
     * 80 characters); null when a field is empty, or when it does not exist and {@code create} is false.
     */
    private static Preferences pair(Preferences p, MainViewModel vm, boolean create) {
        String source = vm.folders().sourceProperty().get();
        String destination = vm.folders().destinationProperty().get();
        if (source.isBlank() || destination.isBlank()) {
            return null;
        }
        String name;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((source.strip() + "\0" + destination.strip())
                    .getBytes(StandardCharsets.UTF_8));
            name = "pairs/" + HexFormat.of().formatHex(d, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try {
            return create || p.nodeExists(name) ? p.node(name) : null;
        } catch (BackingStoreException | IllegalStateException e) {
            return null; // forgotten, or removed meanwhile: nothing remembered
        }
    }

    /**
     * The copy threads kept in {@code p}: "copyThreads", where 0 is Auto (the engine chooses by the destination).
     * Versions before Auto kept "threads", saved whatever it was; a count other than their default
     * ({@link SyncOptions#defaultThreads()}) was the user's own choice and is kept, their default becomes Auto.
     */
    private static int threads(Preferences p) {
        int saved = p.getInt("copyThreads", -1);
        if (saved == SyncOptions.BY_DESTINATION || saved >= 1 && saved <= 64) {
            return saved;
        }
        int before = p.getInt("threads", SyncOptions.defaultThreads());
        return before >= 1 && before <= 64 && before != SyncOptions.defaultThreads() ? before
                : SyncOptions.BY_DESTINATION;
    }
}
