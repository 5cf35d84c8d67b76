package io.filesync.engine.copy;

import io.filesync.engine.scan.TreeWalker;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import io.filesync.platform.FileOps;

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
 * a link, and then held open ({@link FileOps#hold}): everything written into it afterwards goes through the open
 * folder, so swapping it (or a folder above it) for a symbolic link later in the run cannot redirect a write. For
 * folders that already existed, the times they had before this run wrote into them are remembered so they can be
 * put back: adding files must not alter them.
 */
final class Folders implements AutoCloseable {
    private final FileOps ops;
    private final Path root;
    private final Map<String, Path> ready = new ConcurrentHashMap<>();
    private final Map<String, FileTimes> existingTimes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> created = new ConcurrentHashMap<>();
    private final java.util.Queue<Path> held = new java.util.concurrent.ConcurrentLinkedQueue<>();

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
        Path p;
        if (relative.isEmpty()) {
            p = root;
        } else { // through the parent as held: what is on the way to it can no longer be swapped
            int slash = relative.lastIndexOf('/');
            p = ready.get(slash < 0 ? "" : relative.substring(0, slash)).resolve(relative.substring(slash + 1));
        }
        try {
            FileStat st = ops.stat(p);
            requireFolder(relative, st);
            existingTimes.putIfAbsent(relative, st.times());
        } catch (NoSuchFileException missing) {
            try {
                Files.createDirectory(p);
                created.put(relative, true);
            } catch (FileAlreadyExistsException raced) {
                requireFolder(relative, ops.stat(p));
            }
        }
        java.util.Optional<Path> h = ops.hold(p);
        h.ifPresent(held::add);
        return h.orElse(p);
    }

    /** Where to reach a folder this run prepared (held where possible), or its plain path. */
    Path path(String relative) {
        Path p = ready.get(relative);
        return p != null ? p : TreeWalker.resolve(root, relative);
    }

    @Override
    public void close() {
        for (Path p; (p = held.poll()) != null; ) {
            ops.release(p);
        }
        ready.clear();
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
