package io.filesync.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The one folder where FileSync keeps its logs, reports, checkpoints and run locks. Chosen in this order:
 * {@code --home DIR}, the {@code FILESYNC_HOME} environment variable, the {@code filesync.home} system property
 * (set by {@code ./mvnw javafx:run} to the repository's {@code logs/}), then the OS's per-user state folder.
 * It holds the user's file names, so it is created readable by its owner only.
 */
public record FilesyncHome(Path root) {

    public static FilesyncHome resolve(Path override) {
        return resolve(override, System.getenv(), System.getProperty("filesync.home"));
    }

    static FilesyncHome resolve(Path override, Map<String, String> env, String property) {
        if (override != null) {
            return new FilesyncHome(override.toAbsolutePath().normalize());
        }
        String fromEnv = env.get("FILESYNC_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new FilesyncHome(Path.of(fromEnv).toAbsolutePath().normalize());
        }
        if (property != null && !property.isBlank()) {
            return new FilesyncHome(Path.of(property).toAbsolutePath().normalize());
        }
        return new FilesyncHome(osDefault(env));
    }

    private static Path osDefault(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path userHome = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : userHome.resolve("AppData/Local")).resolve("FileSync");
        }
        if (os.contains("mac")) {
            return userHome.resolve("Library/Application Support/FileSync");
        }
        String state = env.get("XDG_STATE_HOME");
        return (state != null && !state.isBlank() ? Path.of(state) : userHome.resolve(".local/state"))
                .resolve("filesync");
    }

    public Path mainLog() {
        return root.resolve("filesync.log");
    }

    public Path inventoryLog() {
        return root.resolve("destination-inventory.log");
    }

    public Path missingLog() {
        return root.resolve("missing-from-destination.log");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    /** Creates the folder (and its subfolders) if needed, owner-only where the OS has POSIX permissions. */
    public FilesyncHome ensureExists() throws IOException {
        for (Path p : new Path[]{root, checkpoints(), reports(), locks()}) {
            if (!Files.isDirectory(p)) {
                Files.createDirectories(p);
                restrict(p, "rwx------");
            }
        }
        return this;
    }

    static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException e) {
            // Windows: the per-user profile folder is already private to its owner.
        }
    }
}
