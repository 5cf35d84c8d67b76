package io.filesync.cli;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncPair;

import java.nio.file.Path;

/** The two folders and the options every command shares, as given ({@link Model#addFolders} declares them). */
record FolderArgs(Path source, Path destination, Path home) {
    SyncPair pair() throws BadFoldersException {
        return SyncPair.of(source, destination);
    }

    FilesyncHome filesyncHome() {
        return FilesyncHome.resolve(home);
    }
}
