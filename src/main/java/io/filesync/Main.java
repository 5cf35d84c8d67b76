package io.filesync;

import io.filesync.cli.FileSyncCommand;

/** Entry point of the {@code filesync} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FileSyncCommand.execute(args));
    }
}
