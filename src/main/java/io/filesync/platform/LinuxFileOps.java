package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.List;
import java.util.Optional;

import static io.filesync.platform.Libc.*;

/**
 * Linux, through system calls (Libc): folders listed with getdents64 ({@link Listing}), entries examined with statx
 * ({@link Statx}), destination folders held open ({@link HeldFolders}), copies made in-kernel ({@link Copier},
 * {@link Digests}), named without replacing and flushed ({@link Publisher}), creation times in extended attributes
 * ({@link Xattrs}).
 */
final class LinuxFileOps implements FileOps {
    /** Root reads any file on a local volume whatever its permissions: asking would cost a call per file. */
    private static final boolean ROOT = Libc.isRoot();

    private final HeldFolders held = new HeldFolders();
    private final UnnamedCopies unnamed = new UnnamedCopies();
    private final Copier copier = new Copier(held, unnamed);
    private final Publisher publisher = new Publisher(held, unnamed);

    static boolean usable() {
        try {
            return Libc.available();
        } catch (Throwable t) { // native access denied or libc missing: the portable path still works
            return false;
        }
    }

    /**
     * Opens the folder with O_NOATIME (only its owner or root may; others fall back, and the caller restores the time)
     * and O_NOFOLLOW, and reads its records with getdents64: unlike opendir, this never moves its access time.
     */
    @Override
    public List<DirectoryEntry> list(Path dir) throws IOException {
        return Listing.read(dir, false, false);
    }

    /** One open folder, one buffer: each entry is examined by statx relative to the folder, by its name as listed. */
    @Override
    public List<DirectoryEntry> scan(Path dir, boolean creationTimes) throws IOException {
        return Listing.read(dir, true, creationTimes);
    }

    @Override
    public FileStat withCreationTime(Path path, FileStat scanned) {
        try (Call c = new Call()) {
            return Xattrs.withAttributeCreation(c, c.cString(path.toString()), scanned);
        }
    }

    @Override
    public boolean readable(Path file) {
        return ROOT || Files.isReadable(file);
    }

    @Override
    public boolean readsAnyFile() {
        return ROOT;
    }

    @Override
    public Optional<Path> hold(Path folder) throws IOException {
        return held.hold(folder);
    }

    @Override
    public void release(Path heldPath) {
        held.release(heldPath);
    }

    @Override
    public FileStat stat(Path path) throws IOException {
        try (Call c = new Call()) {
            MemorySegment name = c.cString(path.toString());
            return Xattrs.withAttributeCreation(c, name, Statx.at(c, AT_FDCWD, name, path));
        }
    }

    @Override
    public CopyResult copy(CopyRequest r, CopyProgress progress) throws IOException {
        return copier.copy(r, progress);
    }

    @Override
    public byte[] digest(Path file) throws IOException {
        return Digests.of(file, this);
    }

    @Override
    public boolean publish(Path temp, Path target) throws IOException {
        return publisher.publish(temp, target);
    }

    @Override
    public void discard(Path temp) throws IOException {
        publisher.discard(temp);
    }

    @Override
    public void setTimes(Path path, FileTimes times, CreationTimeStore store) throws IOException {
        // Linux has no call that sets a birth time (the JDK ignores setTimes' third argument here); some volumes
        // take it as an extended attribute. Set after the other two: ntfs-3g loses times set after its crtime once
        // the volume is mounted again (see Copier.giveTimes).
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(times.modifiedFileTime(), times.accessedFileTime(), null);
        Xattrs.setCreationTime(path, times.created(), store);
    }

    @Override
    public CreationTimeStore creationTimeStore(Path folder) {
        return Xattrs.storeOf(folder);
    }

    @Override
    public void flushVolume(Path folder) throws IOException {
        publisher.flush(folder, true);
    }

    /** fsync of the folder itself: its entries (the names just given) reach the device. */
    @Override
    public void flushFolder(Path folder) throws IOException {
        publisher.flush(folder, false);
    }

    @Override
    public boolean flushesWholeVolume(Path folder) {
        return Publisher.flushesWholeVolume(folder);
    }

    @Override
    public String describe() {
        return "Linux system calls (statx, O_NOATIME reads, copy_file_range, O_TMPFILE and linkat or renameat2"
                + " RENAME_NOREPLACE, syncfs)";
    }
}
