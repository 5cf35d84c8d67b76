package io.filesync.cli;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.MatchMode;
import io.filesync.engine.SyncPair;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The two folders and the options every command shares. */
final class FolderArgs {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The folder to back up (read only).")
    Path source;

    @Parameters(index = "1", paramLabel = "DEST", description = "The backup folder that receives what it lacks.")
    Path destination;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Where logs, reports and checkpoints go (default: $FILESYNC_HOME, else the per-user state"
                    + " folder, e.g. ~/.local/state/filesync).")
    Path home;

    SyncPair pair() throws BadFoldersException {
        return SyncPair.of(source, destination);
    }

    FilesyncHome filesyncHome() {
        return FilesyncHome.resolve(home);
    }
}
