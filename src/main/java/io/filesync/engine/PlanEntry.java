package io.filesync.engine;

import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;

import java.time.Instant;
import java.util.Objects;

/**
 * One source entry of interest and where the plan put it.
 * <p>
 * A plan can list a million entries and the window keeps every one behind its table, so an entry holds its facts as
 * primitives (about 72 bytes besides its path, where a {@link FileStat} with its {@link FileTimes} and three
 * {@link Instant}s took about 180) and makes the objects its accessors return when asked. It does not keep the
 * source's device and inode, which only the scan needs (to spot folders it reached twice): {@link #source()} says 0
 * for both. bench/README.md ("Issue 19") has what a row costs.
 *
 * <ul>
 * <li>{@code path}: relative to the source folder, with {@code /} between names</li>
 * <li>{@code target}: where the copy goes, relative to the destination: the same as {@code path}, except where a
 *     folder name matched the destination's in the other Unicode normalisation (NFC/NFD) or in another case</li>
 * <li>{@code source}: the source's metadata captured at scan, before anything was read</li>
 * <li>{@code reason}: why it is not pending (empty for pending entries)</li>
 * <li>{@code copiedBefore}: a checkpoint says an earlier run copied it, yet the destination no longer has it</li>
 * <li>{@code damagedCopy}: pending because the destination holds FileSync's own copy of it from an interrupted run
 *     (a name it recorded giving) that does not match the source: a sync moves that copy aside, never deleting it,
 *     and copies the file afresh; {@code reason} says what does not match</li>
 * </ul>
 */
public final class PlanEntry {
    private static final EntryKind[] KINDS = EntryKind.values();
    private static final Category[] CATEGORIES = Category.values();
    private static final int COPIED_BEFORE = 1, DAMAGED_COPY = 2, HAS_TIMES = 4, HAS_CREATED = 8;

    private final String path;
    /** Null where it is the same as {@code path} (nearly always). */
    private final String target;
    private final String reason;
    private final long size;
    private final long modifiedSecond, accessedSecond, createdSecond;
    private final int modifiedNano, accessedNano, createdNano;
    /** The permission bits (07777), or -1. */
    private final short mode;
    private final byte kind, category, flags;

    public PlanEntry(String path, String target, FileStat source, Category category, String reason,
                     boolean copiedBefore, boolean damagedCopy) {
        this.path = Objects.requireNonNull(path, "path");
        this.target = Objects.requireNonNull(target, "target").equals(path) ? null : target;
        this.reason = reason == null || reason.isEmpty() ? "" : reason;
        this.kind = (byte) source.kind().ordinal();
        this.category = (byte) category.ordinal();
        this.size = source.size();
        this.mode = (short) (source.mode() < 0 ? -1 : source.mode() & 07777);
        FileTimes t = source.times();
        int f = (copiedBefore ? COPIED_BEFORE : 0) | (damagedCopy ? DAMAGED_COPY : 0);
        if (t != null) {
            f |= HAS_TIMES;
            modifiedSecond = t.modified().getEpochSecond();
            modifiedNano = t.modified().getNano();
            accessedSecond = t.accessed().getEpochSecond();
            accessedNano = t.accessed().getNano();
            if (t.created() != null) {
                f |= HAS_CREATED;
                createdSecond = t.created().getEpochSecond();
                createdNano = t.created().getNano();
            } else {
                createdSecond = 0;
                createdNano = 0;
            }
        } else {
            modifiedSecond = accessedSecond = createdSecond = 0;
            modifiedNano = accessedNano = createdNano = 0;
        }
        this.flags = (byte) f;
    }

    public String path() {
        return path;
    }

    public String target() {
        return target == null ? path : target;
    }

    /** The source's metadata as the scan captured it; made afresh on each call, with 0 for device and inode. */
    public FileStat source() {
        return new FileStat(kind(), size, times(), mode, 0, 0);
    }

    public Category category() {
        return CATEGORIES[category];
    }

    public String reason() {
        return reason;
    }

    public boolean copiedBefore() {
        return (flags & COPIED_BEFORE) != 0;
    }

    public boolean damagedCopy() {
        return (flags & DAMAGED_COPY) != 0;
    }

    public EntryKind kind() {
        return KINDS[kind];
    }

    public boolean isFolder() {
        return kind() == EntryKind.FOLDER;
    }

    public long size() {
        return kind() == EntryKind.FILE ? size : 0;
    }

    /** The source's three times; null where they are unknown (an entry that could not be examined). */
    public FileTimes times() {
        return (flags & HAS_TIMES) == 0 ? null : new FileTimes(modified(), Instant.ofEpochSecond(accessedSecond,
                accessedNano), created());
    }

    /** The source's modification time; null where it is unknown (an entry that could not be examined). */
    public Instant modified() {
        return (flags & HAS_TIMES) == 0 ? null : Instant.ofEpochSecond(modifiedSecond, modifiedNano);
    }

    /** The source's creation time; null where its file system records none, or the entry could not be examined. */
    public Instant created() {
        return (flags & HAS_CREATED) == 0 ? null : Instant.ofEpochSecond(createdSecond, createdNano);
    }

    /**
     * A pending file of {@code size} bytes whose three times are {@code time}: a made-up row for a view (the window's
     * table lays out a few before its first frame) or a test, without reaching into {@code platform}.
     */
    public static PlanEntry pendingFile(String path, long size, Instant time) {
        FileStat stat = new FileStat(EntryKind.FILE, size, new FileTimes(time, time, time), 0644, 0, 0);
        return new PlanEntry(path, path, stat, Category.PENDING, "", false, false);
    }

    public PlanEntry withCopiedBefore() {
        return new PlanEntry(path, target(), source(), category(), reason, true, damagedCopy());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanEntry e && path.equals(e.path) && Objects.equals(target, e.target)
                && reason.equals(e.reason) && size == e.size && modifiedSecond == e.modifiedSecond
                && modifiedNano == e.modifiedNano && accessedSecond == e.accessedSecond
                && accessedNano == e.accessedNano && createdSecond == e.createdSecond && createdNano == e.createdNano
                && mode == e.mode && kind == e.kind && category == e.category && flags == e.flags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, category, modifiedSecond, modifiedNano, size);
    }

    @Override
    public String toString() {
        return "PlanEntry[" + category() + " " + path + (target == null ? "" : " -> " + target) + ", " + kind()
                + ", " + size + " bytes, modified " + modified() + (reason.isEmpty() ? "" : ", " + reason) + "]";
    }
}
