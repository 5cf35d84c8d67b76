package io.filesync.engine;

import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;

import java.time.Instant;

/**
 * One source entry of interest and where the plan put it.
 *
 * @param path         relative to the source folder, with {@code /} between names
 * @param target       where the copy goes, relative to the destination: the same as {@code path}, except where a
 *                     folder name matched the destination's in the other Unicode normalisation (NFC/NFD)
 * @param source       the source's metadata captured at scan, before anything was read
 * @param reason       why it is not pending (empty for pending entries)
 * @param copiedBefore a checkpoint says an earlier run copied it, yet the destination no longer has it
 * @param damagedCopy  pending because the destination holds FileSync's own copy of it from an interrupted run
 *                     (a name it recorded giving) that does not match the source: a sync moves that copy aside, never
 *                     deleting it, and copies the file afresh; {@code reason} says what does not match
 */
public record PlanEntry(String path, String target, FileStat source, Category category, String reason,
                        boolean copiedBefore, boolean damagedCopy) {

    public boolean isFolder() {
        return source.kind() == EntryKind.FOLDER;
    }

    public long size() {
        return source.isFile() ? source.size() : 0;
    }

    /** The source's modification time; null where it is unknown (an entry that could not be examined). */
    public Instant modified() {
        return source.times() == null ? null : source.times().modified();
    }

    /** The source's creation time; null where its file system records none, or the entry could not be examined. */
    public Instant created() {
        return source.times() == null ? null : source.times().created();
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
        return new PlanEntry(path, target, source, category, reason, true, damagedCopy);
    }
}
