package io.filesync.engine;

import java.nio.file.Path;

/** The engine as the tests drive it: one home folder per test, plans by path, syncs of every pending entry. */
final class EngineRuns {
    private final Path home;

    EngineRuns(Path tmp) {
        this.home = tmp.resolve("home");
    }

    SyncEngine engine() {
        return new SyncEngine(new FilesyncHome(home));
    }

    Plan plan(Path src, Path dst) throws Exception {
        return engine().plan(SyncPair.of(src, dst), MatchMode.PATH, SyncListener.NONE, new RunControl());
    }

    RunSummary sync(Plan p, SyncOptions options, SyncListener listener) throws Exception {
        return engine().sync(p, p.pending(), options, listener, new RunControl());
    }

    RunSummary sync(Path src, Path dst, SyncOptions options, SyncListener listener) throws Exception {
        return sync(plan(src, dst), options, listener);
    }
}
