package io.filesync;

import io.filesync.cli.FileSyncCommand;
import io.filesync.ui.FileSyncApp;

/** Entry point of the {@code filesync} launcher: a command runs the CLI; no command opens the window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FileSyncCommand.execute(args, FileSyncApp::open));
    }
}
