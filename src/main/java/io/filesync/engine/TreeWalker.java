package io.filesync.engine;

import io.filesync.platform.DirectoryEntry;
import io.filesync.platform.FileOps;
import io.filesync.platform.FileStat;
import io.filesync.platform.FileTimes;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks the source and the destination together, folder by folder, never following links, and tells a
 * {@link Visitor} about every entry with its counterpart at the same path. Folders are processed in parallel;
 * memory is bounded by the largest folder, not by the tree.
 *
 * <p>Listing a folder moves its access time on Linux (relatime); the walker puts each folder's access time
 * back after listing it, on both sides, so neither tree is left different from how it was found.
 */
final class TreeWalker {

    /** Told about entries from several threads at once. */
    interface Visitor {
        /**
         * A source entry (not the root) and the destination entry at the same path, or null. {@code target} is
         * where it is or would be in the destination: the same path, except that a name matched in the other
         * Unicode normalisation keeps the destination's spelling. Folders are reported once they could be
         * listed; their content follows.
         */
        void source(String path, String target, FileStat source, FileStat destination);

        /** A source entry that could not be read (a folder that cannot be listed, an entry that vanished). */
        void unreadableSource(String path, FileStat source, String reason);

        /** A source entry whose name is not valid UTF-8: Java cannot name it faithfully. */
        void unrepresentableSource(String path);

        /** Every destination entry, folders included (not the root). */
        void destination(String path, FileStat destination);

        /** A destination folder that could not be listed. */
        void unreadableDestination(String path, String reason);
    }

    private final FileOps ops;
    private final RunControl control;
    private final SyncListener listener;
    private final List<String> warnings;
    private final AtomicLong sourceSeen = new AtomicLong();
    private final AtomicLong destinationSeen = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong();

    private final boolean creationTimes;

    /**
     * @param creationTimes whether each entry's creation time must be the one {@link FileOps#stat} gives; when
     *                      false it is the file system's birth time, and a visitor that needs the truer one for an
     *                      entry asks {@link FileOps#withCreationTime} (a plan needs it only for what it lists)
     */
    TreeWalker(FileOps ops, RunControl control, SyncListener listener, List<String> warnings, boolean creationTimes) {
        this.ops = ops;
        this.control = control;
        this.listener = listener;
        this.warnings = warnings;
        this.creationTimes = creationTimes;
    }

    void walk(SyncPair pair, Visitor visitor, int threads) throws IOException {
        FileStat srcRoot = ops.stat(pair.source());
        FileStat dstRoot = ops.stat(pair.destination());
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.invoke(new Folder(pair, visitor, "", "", srcRoot, dstRoot));
        } catch (CancelledException e) {
            throw e;
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool); // no scanning thread outlives the walk (a cancel ends the others' folders quickly)
        }
        listener.scanProgress(sourceSeen.get(), destinationSeen.get());
    }

    private static void awaitQuietly(ForkJoinPool pool) {
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Folder extends RecursiveAction {
        private final SyncPair pair;
        private final Visitor visitor;
        private final String path;           // in the source (or in the destination when only it has the folder)
        private final String target;         // in the destination
        private final FileStat source;       // null: only the destination has this folder
        private final FileStat destination;  // null: only the source has it

        Folder(SyncPair pair, Visitor visitor, String path, String target, FileStat source, FileStat destination) {
            this.pair = pair;
            this.visitor = visitor;
            this.path = path;
            this.target = target;
            this.source = source;
            this.destination = destination;
        }

        @Override
        protected void compute() {
            control.throwIfCancelled();
            Map<String, Listed> sources = Map.of();
            if (source != null) {
                try {
                    sources = list(resolve(pair.source(), path), true);
                    restoreAccessTime(resolve(pair.source(), path), source.times());
                    if (!path.isEmpty()) {
                        visitor.source(path, target, source, destination);
                    }
                } catch (IOException | DirectoryIteratorException e) {
                    visitor.unreadableSource(path, source, "the folder cannot be read: " + Reasons.of(e));
                    if (destination == null) {
                        return;
                    }
                }
            }
            Map<String, Listed> destinations = Map.of();
            if (destination != null) {
                try {
                    destinations = list(resolve(pair.destination(), target), false);
                    restoreAccessTime(resolve(pair.destination(), target), destination.times());
                } catch (IOException | DirectoryIteratorException e) {
                    visitor.unreadableDestination(target, "the destination folder cannot be read: " + Reasons.of(e));
                }
            }
            Map<String, Listed> normalised = null;
            List<Folder> subfolders = new ArrayList<>();
            for (Listed s : sources.values()) {
                String child = TreeWalker.join(path, s.name);
                if (s.stat == null) {
                    if (s.unrepresentable) {
                        visitor.unrepresentableSource(child);
                    } else {
                        visitor.unreadableSource(child, null, s.problem);
                    }
                    continue;
                }
                Listed d = destinations.get(s.name);
                if (d == null && !destinations.isEmpty() && !isAscii(s.name)) {
                    // The same name in the other Unicode normalisation (macOS writes NFD, most others NFC) is the
                    // same file to the user: match it rather than create a twin that looks identical.
                    if (normalised == null) {
                        normalised = new HashMap<>();
                        for (Listed x : destinations.values()) {
                            normalised.putIfAbsent(Normalizer.normalize(x.name, Normalizer.Form.NFC), x);
                        }
                    }
                    d = normalised.get(Normalizer.normalize(s.name, Normalizer.Form.NFC));
                }
                FileStat dstStat = d == null ? null : d.stat;
                // One String for both when they are the same path (nearly always): a plan holds millions.
                String childTarget = target == path && (d == null || d.name.equals(s.name)) ? child
                        : TreeWalker.join(target, d == null ? s.name : d.name);
                if (s.stat.isFolder() && (dstStat == null || dstStat.isFolder())) {
                    subfolders.add(new Folder(pair, visitor, child, childTarget, s.stat, dstStat));
                } else {
                    visitor.source(child, childTarget, s.stat, dstStat);
                }
            }
            for (Listed d : destinations.values()) {
                if (d.stat == null) {
                    continue;
                }
                String child = TreeWalker.join(target, d.name);
                visitor.destination(child, d.stat);
                if (d.stat.isFolder()) {
                    Listed s = sources.get(d.name);
                    boolean walkedWithSource = s != null && s.stat != null && s.stat.isFolder();
                    if (!walkedWithSource && !matchedByNormalisation(sources, d.name)) {
                        subfolders.add(new Folder(pair, visitor, child, child, null, d.stat));
                    }
                }
            }
            report();
            invokeAll(subfolders);
        }

        private boolean matchedByNormalisation(Map<String, Listed> sources, String destinationName) {
            if (isAscii(destinationName) || sources.isEmpty()) {
                return false;
            }
            String nfc = Normalizer.normalize(destinationName, Normalizer.Form.NFC);
            for (Listed s : sources.values()) {
                if (s.stat != null && s.stat.isFolder() && !s.name.equals(destinationName)
                        && Normalizer.normalize(s.name, Normalizer.Form.NFC).equals(nfc)) {
                    return true;
                }
            }
            return false;
        }

        private Map<String, Listed> list(Path dir, boolean isSource) throws IOException {
            List<DirectoryEntry> entries = ops.scan(dir, creationTimes);
            Map<String, Listed> out = HashMap.newHashMap(entries.size());
            for (DirectoryEntry entry : entries) {
                String name = entry.name();
                if (!entry.validText()) {
                    out.put(name, new Listed(name, null, true, null)); // cannot be reopened by its string
                } else if (entry.stat() != null) {
                    out.put(name, new Listed(name, entry.stat(), false, null));
                } else {
                    out.put(name, new Listed(name, null, false,
                            entry.problem() instanceof java.nio.file.NoSuchFileException ? "it vanished during the scan"
                                    : "it could not be read: " + Reasons.of(entry.problem())));
                }
            }
            (isSource ? sourceSeen : destinationSeen).addAndGet(out.size());
            return out;
        }
    }

    private record Listed(String name, FileStat stat, boolean unrepresentable, String problem) {
    }

    private void restoreAccessTime(Path folder, FileTimes before) {
        try {
            FileStat now = ops.stat(folder);
            if (!now.times().accessed().equals(before.accessed())) {
                ops.setTimes(folder, new FileTimes(now.times().modified(), before.accessed(), null));
            }
        } catch (IOException e) {
            synchronized (warnings) {
                warnings.add("The access time of folder " + folder + " moved when it was listed and could not"
                        + " be put back: " + Reasons.of(e));
            }
        }
    }

    private void report() {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last > 100_000_000L && lastReport.compareAndSet(last, now)) {
            listener.scanProgress(sourceSeen.get(), destinationSeen.get());
        }
    }

    static Path resolve(Path root, String relative) {
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
