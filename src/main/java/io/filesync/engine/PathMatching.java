package io.filesync.engine;

import io.filesync.platform.FileStat;

import java.time.Duration;
import java.util.Set;

/** The default: a source entry's counterpart is whatever the destination has at the same relative path. */
final class PathMatching extends Matching {
    PathMatching(SyncPair pair, Duration tolerance, Inventory inventory, Set<String> ownRunIds) {
        super(pair, tolerance, inventory, ownRunIds);
    }

    @Override
    public void source(String path, FileStat source, FileStat destination) {
        switch (source.kind()) {
            case FILE -> classifyFile(path, source, destination);
            case FOLDER -> classifyFolder(path, source, destination);
            default -> skipSpecial(path, source);
        }
    }
}
