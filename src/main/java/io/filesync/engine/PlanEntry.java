package io.filesync.engine;

import io.filesync.platform.EntryKind;
import io.filesync.platform.FileStat;

/**
 * One source entry of interest and where the plan put it.
 *
 * @param path         relative to the source folder, with {@code /} between names
 * @param target       where the copy goes, relative to the destination: the same as {@code path}, except where a
 *                     folder name matched the destination's in the other Unicode normalisation (NFC/NFD)
 * @param source       the source's metadata captured at scan, before anything was read
 * @param reason       why it is not pending (empty for pending entries)
 * @param copiedBefore a checkpoint says an earlier run copied it, yet the destination no longer has it
 */
public record PlanEntry(String path, String target, FileStat source, Category category, String reason,
                        boolean copiedBefore) {

    public boolean isFolder() {
        return source.kind() == EntryKind.FOLDER;
    }

    public long size() {
        return source.isFile() ? source.size() : 0;
    }

    public PlanEntry withCopiedBefore() {
        return new PlanEntry(path, target, source, category, reason, true);
    }
}
