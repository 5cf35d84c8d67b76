package io.filesync.engine.plan;

import io.filesync.engine.Category;
import io.filesync.engine.SyncPair;
import io.filesync.engine.report.Inventory;
import io.filesync.platform.FileOps;

import io.filesync.files.FileStat;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code --match name}: a source file's counterpart is a destination file with the same name anywhere in the
 * destination, for a backup that was reorganised after copying. Names are compared in Unicode NFC. Two source
 * files with one name cannot be told apart this way, so all of them become conflicts. Pending files are copied
 * to their source-relative path.
 */
public final class NameMatching extends Matching {
    private record Found(String path, String target, FileStat stat, boolean creationRead) {
    }

    private final ConcurrentLinkedQueue<Found> sourceFiles = new ConcurrentLinkedQueue<>();
    private final Map<String, List<FileStat>> destinationByName = new ConcurrentHashMap<>();

    public NameMatching(FileOps ops, SyncPair pair, Duration tolerance, Inventory inventory, Set<String> ownRunIds) {
        // A file found by name elsewhere is not at a name FileSync gave: name mode never takes one for its own.
        super(ops, pair, tolerance, inventory, ownRunIds, Set.of());
    }

    @Override
    public void source(String path, String target, FileStat source, FileStat destination, boolean creationRead) {
        switch (source.kind()) {
            case FILE -> sourceFiles.add(new Found(path, target, source, creationRead));
            case FOLDER -> classifyFolder(path, target, source, destination, creationRead);
            default -> skipSpecial(path, target, source, creationRead);
        }
    }

    @Override
    protected void destinationEntry(String path, String name, FileStat destination) {
        if (destination.isFile()) {
            destinationByName.computeIfAbsent(key(name), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(destination);
        }
    }

    @Override
    public void finish() {
        Map<String, List<Found>> byName = new HashMap<>();
        for (Found f : sourceFiles) {
            byName.computeIfAbsent(key(f.path.substring(f.path.lastIndexOf('/') + 1)), k -> new ArrayList<>(1)).add(f);
        }
        for (Map.Entry<String, List<Found>> e : byName.entrySet()) {
            List<Found> same = e.getValue();
            if (same.size() > 1) {
                for (Found f : same) {
                    add(f.path, f.target, f.stat, Category.CONFLICT, same.size() + " source files are named \"" + e.getKey()
                            + "\", so matching by name cannot tell them apart", f.creationRead);
                }
                continue;
            }
            Found f = same.getFirst();
            List<FileStat> candidates = destinationByName.get(e.getKey());
            classifyFile(f.path, f.target, f.stat, best(f.stat, candidates), f.creationRead);
        }
    }

    /** Among destination files of that name, one that is the same file if there is one. */
    private static FileStat best(FileStat source, List<FileStat> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        for (FileStat c : candidates) {
            if (c.size() == source.size() && c.times().modified().equals(source.times().modified())) {
                return c;
            }
        }
        for (FileStat c : candidates) {
            if (c.size() == source.size()) {
                return c;
            }
        }
        return candidates.getFirst();
    }

    private static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}
