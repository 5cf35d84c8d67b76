package io.filesync.engine.plan;

import io.filesync.engine.Category;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.SyncPair;
import io.filesync.engine.Tally;
import io.filesync.engine.report.Inventory;
import io.filesync.engine.scan.TreeWalker;
import io.filesync.engine.state.TempNames;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What both match modes share: the rules that put a source entry in a category, the destination inventory, and
 * spotting our own leftover temporary files. Subclasses decide where a source file's counterpart is.
 */
public abstract class Matching implements TreeWalker.Visitor {
    private final FileOps ops;
    protected final SyncPair pair;
    private final Duration tolerance;
    private final Inventory inventory;
    private final Set<String> ownRunIds;
    private final Set<String> ownNames;
    /**
     * The entries, a list per thread that adds them: a folder's entries stay together and in the order the walk gives
     * them (its names' order), which sorting the plan relies on to be quick, and no thread waits for another.
     */
    private final List<List<PlanEntry>> entryLists = new ArrayList<>();
    private final ThreadLocal<List<PlanEntry>> entries = ThreadLocal.withInitial(() -> {
        List<PlanEntry> mine = new ArrayList<>();
        synchronized (entryLists) {
            entryLists.add(mine);
        }
        return mine;
    });
    private final ConcurrentLinkedQueue<String> leftovers = new ConcurrentLinkedQueue<>();
    private final LongAdder presentFiles = new LongAdder();
    private final LongAdder presentBytes = new LongAdder();
    private final LongAdder destinationFiles = new LongAdder();

    /**
     * @param ownNames names earlier syncs recorded giving in the destination ({@link NameJournal}); a file there that
     *                 does not match its source is FileSync's own unfinished copy, not the user's
     */
    Matching(FileOps ops, SyncPair pair, Duration tolerance, Inventory inventory, Set<String> ownRunIds,
             Set<String> ownNames) {
        this.ops = ops;
        this.ownNames = ownNames;
        this.pair = pair;
        this.tolerance = tolerance;
        this.inventory = inventory;
        this.ownRunIds = ownRunIds;
    }

    /** Called once the walk is over; name mode matches here. */
    public void finish() {
    }

    /**
     * The rule for a source file and what the destination has for it ({@code null}: nothing); {@code creationRead}
     * as in {@link TreeWalker.Visitor#source}.
     */
    protected final void classifyFile(String path, String target, FileStat source, FileStat destination,
                                      boolean creationRead) {
        if (destination == null) {
            // The path is made once for both calls, and not at all where neither needs it.
            Path full = ops.readsAnyFile() && creationRead ? null : TreeWalker.resolve(pair.source(), path);
            String unreadable = ops.readsAnyFile() ? null : ops.whyUnreadable(full);
            add(path, target, source, unreadable == null ? Category.PENDING : Category.SKIPPED,
                    unreadable == null ? "" : unreadable, false, full, creationRead);
        } else if (destination.isFile()) {
            if (destination.size() == source.size()
                    && sameTime(source.times().modified(), destination.times().modified())) {
                presentFiles.increment();
                presentBytes.add(source.size());
            } else if (ownNames.contains(target)) {
                // Only ever reached for a name FileSync gave (recorded before it was given): a file that was there
                // before keeps the "differs" below and is never touched.
                add(path, target, source, Category.PENDING, "FileSync's own copy from an interrupted run is damaged ("
                        + (destination.size() != source.size()
                        ? destination.size() + " of " + source.size() + " bytes"
                        : "modified at " + destination.times().modified() + ", not " + source.times().modified())
                        + "): it is moved aside and the file copied again", true, null, creationRead);
            } else {
                add(path, target, source, Category.DIFFERS, difference(source, destination) + spelled(path, target),
                        creationRead);
            }
        } else {
            add(path, target, source, Category.DIFFERS, "the destination has a " + destination.kind().words()
                    + " with this name, which is left as it is" + spelled(path, target), creationRead);
        }
    }

    /** The rule for a source folder and what the destination has at the same path. */
    protected final void classifyFolder(String path, String target, FileStat source, FileStat destination,
                                        boolean creationRead) {
        if (destination == null) {
            add(path, target, source, Category.PENDING, "", creationRead);
        } else if (destination.kind() == EntryKind.SYMLINK) {
            add(path, target, source, Category.SKIPPED, "the destination has a symbolic link here and FileSync never writes"
                    + " through links, so this folder's content is not copied", creationRead);
        } else if (!destination.isFolder()) {
            add(path, target, source, Category.DIFFERS, "the destination has a " + destination.kind().words()
                    + " where the source has a folder, so this folder's content is not copied" + spelled(path, target),
                    creationRead);
        }
    }

    /** Anything that is neither a file nor a folder is skipped, never opened. */
    protected final void skipSpecial(String path, String target, FileStat source, boolean creationRead) {
        String why = switch (source.kind()) {
            case SYMLINK -> "symbolic link: links are not followed or copied";
            case FIFO -> "named pipe (FIFO): only files and folders are copied";
            case SOCKET -> "socket: only files and folders are copied";
            case DEVICE -> "device: only files and folders are copied";
            case OTHER -> "special file: only files and folders are copied";
            case FILE, FOLDER -> throw new IllegalArgumentException(path);
        };
        add(path, target, source, Category.SKIPPED, why, creationRead);
    }

    /**
     * Lists an entry in the plan. Where the walk read no creation time attribute for it ({@code creationRead} false:
     * most entries are present and never need one), an entry the plan lists gets its creation time here, as a copy
     * of it would.
     */
    protected final void add(String path, String target, FileStat source, Category category, String reason,
                             boolean creationRead) {
        add(path, target, source, category, reason, false, null, creationRead);
    }

    /** As {@link #add(String, String, FileStat, Category, String, boolean)}; {@code full}: the source's path, if made. */
    private void add(String path, String target, FileStat source, Category category, String reason,
                     boolean damagedCopy, Path full, boolean creationRead) {
        FileStat withCreated = source;
        if (source.times() != null && !creationRead) {
            try {
                withCreated = ops.withCreationTime(full != null ? full : TreeWalker.resolve(pair.source(), path),
                        source);
            } catch (IOException e) {
                // the birth time stands; the copy reads the source's times again anyway
            }
        }
        entries.get().add(new PlanEntry(path, target, withCreated, category, reason, false, damagedCopy));
    }

    /**
     * Where the destination has it under a name that differs in case (which it takes for the same name), the reason
     * says so. NFC and NFD spellings look the same, so they are not mentioned.
     */
    private static String spelled(String path, String target) {
        String a = path.substring(path.lastIndexOf('/') + 1);
        String b = target.substring(target.lastIndexOf('/') + 1);
        return Normalizer.normalize(a, Normalizer.Form.NFC).equals(Normalizer.normalize(b, Normalizer.Form.NFC)) ? ""
                : " (there it is named \"" + b + "\", which that volume takes for the same name)";
    }

    private boolean sameTime(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(tolerance) < 0 || a.equals(b);
    }

    private String difference(FileStat s, FileStat d) {
        if (s.size() != d.size()) {
            return "the destination has a different version (" + s.size() + " bytes here, " + d.size()
                    + " there), which is left as it is";
        }
        return "the destination has a version modified at a different time (" + s.times().modified() + " here, "
                + d.times().modified() + " there), which is left as it is";
    }

    @Override
    public void unreadableSource(String path, FileStat source, String reason) {
        if (path.isEmpty()) {
            throw new UnreadableRootException(reason);
        }
        // No metadata when it could not even be examined (vanished, or its path is too long to reach).
        add(path, path, source != null ? source : UNKNOWN, Category.SKIPPED, reason, false);
    }

    /** Metadata of an entry that could not be examined: its kind, size and times are unknown. */
    private static final FileStat UNKNOWN = new FileStat(EntryKind.OTHER, 0, null, -1, 0, 0);

    @Override
    public void notCopied(String path, FileStat source, Category category, String reason, boolean creationRead) {
        add(path, path, source != null ? source : UNKNOWN, category, reason, creationRead);
    }

    @Override
    public void unrepresentableSource(String path) {
        add(path, path, UNKNOWN, Category.SKIPPED,
                "its name is not valid UTF-8, so it cannot be copied under exactly the same name", false);
    }

    @Override
    public void destination(String path, FileStat destination) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (destination.isFile()) {
            if (TempNames.looksTemporary(name)) {
                if (TempNames.isTemporaryOf(name, ownRunIds)) {
                    leftovers.add(path);
                }
                return;
            }
            destinationFiles.increment();
        }
        inventory.record(path, destination);
        destinationEntry(path, name, destination);
    }

    /** Name mode indexes destination files here. */
    protected void destinationEntry(String path, String name, FileStat destination) {
    }

    @Override
    public void unreadableDestination(String path, String reason) {
        inventory.unreadable(path, reason);
    }

    /** Once the walk and {@link #finish} are over (on the thread that called them). */
    public List<PlanEntry> sortedEntries() {
        List<PlanEntry> list;
        synchronized (entryLists) {
            list = new ArrayList<>(entryLists.stream().mapToInt(List::size).sum());
            entryLists.forEach(list::addAll);
        }
        entries.remove(); // the walk's threads are gone; this one may live on (the window's)
        list.sort((a, b) -> a.path().compareTo(b.path())); // runs of a folder each: merged more than sorted
        return list;
    }

    public List<String> leftovers() {
        return leftovers.stream().sorted().toList();
    }

    public Tally present() {
        return new Tally(presentFiles.sum(), presentBytes.sum());
    }

    public long destinationFiles() {
        return destinationFiles.sum();
    }

    /** The source folder itself cannot be listed: there is nothing to plan. */
    public static final class UnreadableRootException extends RuntimeException {
        UnreadableRootException(String reason) {
            super(reason);
        }
    }
}
