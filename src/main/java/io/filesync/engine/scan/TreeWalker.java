package io.filesync.engine.scan;

import io.filesync.engine.CancelledException;
import io.filesync.engine.Category;
import io.filesync.engine.DestinationNames;
import io.filesync.engine.Exclusions;
import io.filesync.engine.RunControl;
import io.filesync.engine.SyncListener;
import io.filesync.engine.SyncPair;
import io.filesync.engine.report.Reasons;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import io.filesync.platform.DirectoryEntry;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
public final class TreeWalker {

    /** Which source entries' creation times the walk reads from where the volume keeps them (see {@link FileOps#stat}). */
    public enum CreationTimes {
        /**
         * None: an entry's creation time is the file system's birth time, and a visitor that needs the truer one for
         * an entry asks {@link FileOps#withCreationTime} (a plan needs it only for what it lists).
         */
        BIRTH_ONLY,
        /**
         * Those of the entries of a folder the destination does not have, read while the folder is open (relative to
         * it, cheaper than by path later): a plan by path lists every one of them. Elsewhere as {@link #BIRTH_ONLY}.
         */
        WHERE_NO_DESTINATION_FOLDER,
        /** Every entry's, on both sides. */
        ALL
    }

    /** Told about entries from several threads at once. */
    public interface Visitor {
        /**
         * A source entry (not the root) and the destination entry at the same path, or null. {@code target} is
         * where it is or would be in the destination: the same path, except that a name matched in the other
         * Unicode normalisation keeps the destination's spelling. Folders are reported once they could be
         * listed; their content follows. {@code creationRead}: {@code source}'s creation time is already the one
         * {@link FileOps#stat} gives (see {@link CreationTimes}), not only the birth time.
         */
        void source(String path, String target, FileStat source, FileStat destination, boolean creationRead);

        /** A source entry that could not be read (a folder that cannot be listed, an entry that vanished). */
        void unreadableSource(String path, FileStat source, String reason);

        /** A source entry whose name is not valid UTF-8: Java cannot name it faithfully. */
        void unrepresentableSource(String path);

        /**
         * A source entry the destination cannot take ({@link DestinationNames}), or one inside such a folder
         * ({@code source} is null when it could not be examined). Nothing under a folder reported here is reported
         * any other way. {@code creationRead} as in {@link #source}.
         */
        void notCopied(String path, FileStat source, Category category, String reason, boolean creationRead);

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

    private final CreationTimes creationTimes;
    private final DestinationNames names;
    private final Exclusions exclusions;

    /**
     * @param creationTimes which entries' creation times must be the ones {@link FileOps#stat} gives
     * @param names         the names the destination can hold: a source name it cannot hold, and every name that
     *                      differs from an earlier one of its folder only in case where case does not count there, is
     *                      {@link Visitor#notCopied} with everything under it
     * @param exclusions    source entries the user leaves out: each is {@link Visitor#notCopied} as skipped, and a
     *                      folder's content is not read
     */
    public TreeWalker(FileOps ops, RunControl control, SyncListener listener, List<String> warnings,
                      CreationTimes creationTimes, DestinationNames names, Exclusions exclusions) {
        this.ops = ops;
        this.control = control;
        this.listener = listener;
        this.warnings = warnings;
        this.creationTimes = creationTimes;
        this.names = names;
        this.exclusions = exclusions;
    }

    public void walk(SyncPair pair, Visitor visitor, int threads) throws IOException {
        FileStat srcRoot = ops.stat(pair.source());
        FileStat dstRoot = ops.stat(pair.destination());
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.invoke(new Folder(pair, visitor, "", "", srcRoot, true, dstRoot, null));
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
        private final boolean creationRead;  // source's creation time is the one FileOps.stat gives
        private final FileStat destination;  // null: only the source has it
        private final Excluded excluded;     // null: copied as usual; else the folder is not copied, nor its content

        Folder(SyncPair pair, Visitor visitor, String path, String target, FileStat source, boolean creationRead,
               FileStat destination, Excluded excluded) {
            this.pair = pair;
            this.visitor = visitor;
            this.path = path;
            this.target = target;
            this.source = source;
            this.creationRead = creationRead;
            this.destination = destination;
            this.excluded = excluded;
        }

        @Override
        protected void compute() {
            control.throwIfCancelled();
            List<Listed> sources = List.of();
            boolean listedCreation = creationTimes == CreationTimes.ALL
                    || creationTimes == CreationTimes.WHERE_NO_DESTINATION_FOLDER && destination == null && excluded == null;
            if (source != null) {
                try {
                    sources = list(resolve(pair.source(), path), true, listedCreation);
                    restoreAccessTime(resolve(pair.source(), path), source.times());
                    if (!path.isEmpty() && excluded == null) {
                        visitor.source(path, target, source, destination, creationRead);
                    }
                } catch (IOException | DirectoryIteratorException e) {
                    if (excluded != null) {
                        return; // reported as not copied already; what it holds cannot be listed
                    }
                    visitor.unreadableSource(path, source, "the folder cannot be read: " + Reasons.of(e));
                    if (destination == null) {
                        return;
                    }
                }
            }
            List<Folder> subfolders = new ArrayList<>();
            if (excluded != null) {
                for (Listed s : sources) {
                    String child = TreeWalker.join(path, s.name);
                    visitor.notCopied(child, s.stat, excluded.category(), excluded.reason(), listedCreation);
                    if (s.stat != null && s.stat.isFolder()) {
                        subfolders.add(new Folder(pair, visitor, child, child, s.stat, listedCreation, null, excluded));
                    }
                }
                report();
                invokeAll(subfolders);
                return;
            }
            Map<String, Listed> destinations = Map.of();
            if (destination != null) {
                try {
                    destinations = byName(list(resolve(pair.destination(), target), false,
                            creationTimes == CreationTimes.ALL));
                    restoreAccessTime(resolve(pair.destination(), target), destination.times());
                } catch (IOException | DirectoryIteratorException e) {
                    visitor.unreadableDestination(target, "the destination folder cannot be read: " + Reasons.of(e));
                }
            }
            // Destination names by what the destination takes for one name: the same in the other Unicode
            // normalisation (macOS writes NFD, most others NFC), and in another case where case does not count.
            Map<String, Listed> byKey = null;
            Set<String> matchedAsAnother = new HashSet<>();
            Map<String, String> twins = names.caseInsensitive() && sources.size() > 1
                    ? twins(sources, destinations) : Map.of();
            for (Listed s : sources) {
                String child = TreeWalker.join(path, s.name);
                if (s.stat == null) {
                    if (s.unrepresentable) {
                        visitor.unrepresentableSource(child);
                    } else {
                        visitor.unreadableSource(child, null, s.problem);
                    }
                    continue;
                }
                String excludedBy = exclusions.match(child, s.stat.isFolder());
                if (excludedBy != null) {
                    visitor.notCopied(child, s.stat, Category.SKIPPED, "excluded by " + excludedBy, listedCreation);
                    continue;
                }
                String kept = twins.get(s.name);
                if (kept != null) {
                    exclude(child, s.stat, listedCreation, Category.CONFLICT, names.twinReason(kept), subfolders);
                    continue;
                }
                Listed d = destinations.get(s.name);
                if (d == null && !destinations.isEmpty() && (names.caseInsensitive() || !isAscii(s.name))) {
                    // The same name to the destination is the same file to the user: match it rather than create a
                    // twin that looks identical (or that the destination would take for the one it has).
                    if (byKey == null) {
                        byKey = new HashMap<>();
                        for (Listed x : destinations.values()) {
                            byKey.putIfAbsent(names.key(x.name), x);
                        }
                    }
                    d = byKey.get(names.key(s.name));
                }
                if (d == null) {
                    String why = names.whyNot(s.name);
                    if (why != null) {
                        exclude(child, s.stat, listedCreation, Category.SKIPPED, why, subfolders);
                        continue;
                    }
                }
                FileStat dstStat = d == null ? null : d.stat;
                // One String for both when they are the same path (nearly always): a plan holds millions.
                String childTarget = target == path && (d == null || d.name.equals(s.name)) ? child
                        : TreeWalker.join(target, d == null ? s.name : d.name);
                if (s.stat.isFolder() && (dstStat == null || dstStat.isFolder())) {
                    subfolders.add(new Folder(pair, visitor, child, childTarget, s.stat, listedCreation, dstStat,
                            null));
                    if (d != null && !d.name.equals(s.name)) {
                        matchedAsAnother.add(d.name);
                    }
                } else {
                    visitor.source(child, childTarget, s.stat, dstStat, listedCreation);
                }
            }
            Map<String, Listed> sourcesByName = null; // made only where the destination has a folder of its own
            for (Listed d : destinations.values()) {
                if (d.stat == null) {
                    continue;
                }
                String child = TreeWalker.join(target, d.name);
                visitor.destination(child, d.stat);
                if (d.stat.isFolder()) {
                    if (sourcesByName == null) {
                        sourcesByName = byName(sources);
                    }
                    Listed s = sourcesByName.get(d.name);
                    boolean walkedWithSource = s != null && s.stat != null && s.stat.isFolder();
                    if (!walkedWithSource && !matchedAsAnother.contains(d.name)) {
                        subfolders.add(new Folder(pair, visitor, child, child, null, false, d.stat, null));
                    }
                }
            }
            report();
            invokeAll(subfolders);
        }

        /** Reports an entry as not copied; a folder's content follows, each entry with a reason naming the folder. */
        private void exclude(String child, FileStat stat, boolean creationRead, Category category, String reason,
                             List<Folder> subfolders) {
            visitor.notCopied(child, stat, category, reason, creationRead);
            if (stat.isFolder()) {
                subfolders.add(new Folder(pair, visitor, child, child, stat, creationRead, null, new Excluded(category,
                        "it is inside \"" + child + "\", which is not copied (" + reason + ")")));
            }
        }

        /**
         * Source names the destination takes for an earlier one of this folder, each with the one that is copied:
         * the one the destination already has under that very spelling, else the first in code-point order.
         */
        private Map<String, String> twins(List<Listed> sources, Map<String, Listed> destinations) {
            Map<String, List<String>> byKey = new HashMap<>();
            for (Listed s : sources) {
                if (s.stat != null) {
                    byKey.computeIfAbsent(names.key(s.name), k -> new ArrayList<>(1)).add(s.name);
                }
            }
            Map<String, String> out = new HashMap<>();
            for (List<String> same : byKey.values()) {
                if (same.size() > 1) {
                    same.sort(null);
                    String kept = same.stream().filter(destinations::containsKey).findFirst().orElse(same.getFirst());
                    same.stream().filter(n -> !n.equals(kept)).forEach(n -> out.put(n, kept));
                }
            }
            return out;
        }

        /**
         * The folder's entries in the order of their names: a folder's entries then reach the visitor in the order a
         * plan lists them, so that sorting the plan costs a comparison or two an entry instead of a sort of each
         * folder in turn. A folder listed in (or against) the order of its names, as tmpfs lists one whose files were
         * made in that order, is put in order in one pass.
         */
        private List<Listed> list(Path dir, boolean isSource, boolean withCreationTimes) throws IOException {
            List<DirectoryEntry> entries = ops.scan(dir, withCreationTimes);
            List<Listed> out = new ArrayList<>(entries.size());
            boolean unrepresentable = false;
            for (DirectoryEntry entry : entries) {
                String name = entry.name();
                if (!entry.validText()) {
                    out.add(new Listed(name, null, true, null)); // cannot be reopened by its string
                    unrepresentable = true;
                } else if (entry.stat() != null) {
                    out.add(new Listed(name, entry.stat(), false, null));
                } else {
                    out.add(new Listed(name, null, false,
                            entry.problem() instanceof java.nio.file.NoSuchFileException ? "it vanished during the scan"
                                    : "it could not be read: " + Reasons.of(entry.problem())));
                }
            }
            out.sort(BY_NAME);
            if (unrepresentable) {
                // Names that are not UTF-8 can come out as the same text: one entry for it, the last listed.
                for (int i = out.size() - 1; i > 0; i--) {
                    if (out.get(i - 1).name.equals(out.get(i).name)) {
                        out.remove(i - 1);
                    }
                }
            }
            (isSource ? sourceSeen : destinationSeen).addAndGet(out.size());
            return out;
        }
    }

    private record Listed(String name, FileStat stat, boolean unrepresentable, String problem) {
    }

    private static final Comparator<Listed> BY_NAME = (a, b) -> a.name.compareTo(b.name);

    private static Map<String, Listed> byName(List<Listed> listed) {
        Map<String, Listed> out = HashMap.newHashMap(listed.size());
        for (Listed l : listed) {
            out.put(l.name, l);
        }
        return out;
    }

    /** A folder that is not copied, nor anything in it: {@code reason} is said of each entry inside. */
    private record Excluded(Category category, String reason) {
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

    public static Path resolve(Path root, String relative) {
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
