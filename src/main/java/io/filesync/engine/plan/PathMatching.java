package io.filesync.engine.plan;

import io.filesync.engine.SyncPair;
import io.filesync.engine.report.Inventory;
import io.filesync.platform.FileOps;

import io.filesync.files.FileStat;

import java.time.Duration;
import java.util.Set;

/** The default: a source entry's counterpart is whatever the destination has at the same relative path. */
public final class PathMatching extends Matching {
    public PathMatching(FileOps ops, SyncPair pair, Duration tolerance, Inventory inventory, Set<String> ownRunIds,
                 Set<String> ownNames) {
        super(ops, pair, tolerance, inventory, ownRunIds, ownNames);
    }

    @Override
    public void source(String path, String target, FileStat source, FileStat destination, boolean creationRead) {
        switch (source.kind()) {
            case FILE -> classifyFile(path, target, source, destination, creationRead);
            case FOLDER -> classifyFolder(path, target, source, destination, creationRead);
            default -> skipSpecial(path, target, source, creationRead);
        }
    }
}
