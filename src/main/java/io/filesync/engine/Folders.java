package io.filesync.engine;

import io.filesync.platform.EntryKind;
import io.filesync.platform.FileOps;
import io.filesync.platform.FileStat;
import io.filesync.platform.FileTimes;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destination folders, each made ready once per run. Every folder on the way is checked to be a real folder, not
 * a link, before anything is written into it. For folders that already existed, the times they had before this
 * run wrote into them are remembered so they can be put back: adding files must not alter them.
 */
final class Folders {
    private final FileOps ops;
    private final Path root;
    private final Map<String, Path> ready = new ConcurrentHashMap<>();
    private final Map<String, FileTimes> existingTimes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> created = new ConcurrentHashMap<>();

    Folders(FileOps ops, Path root) {
        this.ops = ops;
        this.root = root;
    }

    /** The destination folder at {@code relative} ("" is the root), created with its parents as needed. */
    Path ensure(String relative) throws IOException {
        Path p = ready.get(relative);
        if (p != null) {
            return p;
        }
        if (!relative.isEmpty()) {
            int slash = relative.lastIndexOf('/');
            ensure(slash < 0 ? "" : relative.substring(0, slash));
        }
        try {
            return ready.computeIfAbsent(relative, r -> {
                try {
                    return prepare(r);
                } catch (IOException e) {
                    throw new FolderException(e);
                }
            });
        } catch (FolderException e) {
            throw e.io;
        }
    }

    private Path prepare(String relative) throws IOException {
        Path p = TreeWalker.resolve(root, relative);
        try {
            FileStat st = ops.stat(p);
            requireFolder(relative, st);
            existingTimes.putIfAbsent(relative, st.times());
            return p;
        } catch (NoSuchFileException missing) {
            try {
                Files.createDirectory(p);
                created.put(relative, true);
                return p;
            } catch (FileAlreadyExistsException raced) {
                requireFolder(relative, ops.stat(p));
                return p;
            }
        }
    }

    private static void requireFolder(String relative, FileStat st) throws FileSystemException {
        if (st.kind() == EntryKind.SYMLINK) {
            throw new FileSystemException(relative, null, "the destination's folder \"" + relative
                    + "\" is a symbolic link and FileSync never writes through links");
        }
        if (!st.isFolder()) {
            throw new FileSystemException(relative, null, "the destination has a " + st.kind().words() + " at \""
                    + relative + "\" where a folder is needed");
        }
    }

    boolean wasCreated(String relative) {
        return created.containsKey(relative);
    }

    /** Folders that existed before this run wrote into them, with the times they had then. */
    Map<String, FileTimes> existingTimes() {
        return existingTimes;
    }

    private static final class FolderException extends RuntimeException {
        final IOException io;

        FolderException(IOException io) {
            super(io.getMessage(), io, false, false);
            this.io = io;
        }
    }
}
