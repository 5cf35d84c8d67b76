package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NIO only: what Windows and macOS get (and Linux when native access is unavailable). The JDK sets creation
 * times on Windows and macOS through {@code setTimes}. Reading can move the source's access time; it is set back at
 * once, and results say so ({@code sourceAccessPutBack}), or that it could not be ({@code sourceAccessTouched}).
 */
final class PortableFileOps implements FileOps {
    private static final boolean SETS_CREATION = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");

    /** Unix systems (Linux, macOS): the JDK gives stat's own fields, mode, inode and device included. */
    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    @Override
    public FileStat stat(Path path) throws IOException {
        if (UNIX) {
            // One lstat, nothing else: asking for the path's file store instead would follow a link there (moving
            // the link's access time, and failing for a link to nothing).
            Map<String, Object> a = Files.readAttributes(path,
                    "unix:mode,ino,dev,size,lastModifiedTime,lastAccessTime,creationTime", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            EntryKind kind = EntryKind.ofMode(mode);
            FileTimes times = new FileTimes(((FileTime) a.get("lastModifiedTime")).toInstant(),
                    ((FileTime) a.get("lastAccessTime")).toInstant(),
                    SETS_CREATION ? ((FileTime) a.get("creationTime")).toInstant() : null);
            return new FileStat(kind, (Long) a.get("size"), times, mode & 07777, (Long) a.get("dev"),
                    (Long) a.get("ino"));
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = a.isRegularFile() ? EntryKind.FILE
                : a.isDirectory() ? EntryKind.FOLDER
                : a.isSymbolicLink() ? EntryKind.SYMLINK : EntryKind.OTHER;
        // Where the file system keeps no creation time the JDK reports the modification time; only Windows and
        // macOS file systems are trusted to have a real one here.
        FileTimes times = new FileTimes(a.lastModifiedTime().toInstant(), a.lastAccessTime().toInstant(),
                SETS_CREATION ? a.creationTime().toInstant() : null);
        Object key = a.fileKey();
        return new FileStat(kind, a.size(), times, -1, 0, key == null ? 0 : key.hashCode());
    }

    @Override
    public CopyResult copy(CopyRequest r, CopyProgress progress) throws IOException {
        FileStat before;
        try {
            before = stat(r.source());
        } catch (NoSuchFileException vanished) {
            throw new SourceChangedException("the source file vanished after the scan");
        }
        if (!before.isFile()) {
            throw new SourceChangedException("the source is no longer a regular file");
        }
        if (before.size() != r.expected().size() || !before.times().modified().equals(r.expected().times().modified())) {
            throw new SourceChangedException("the source file was modified after the scan");
        }
        FileChannel in;
        try {
            in = FileChannel.open(r.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException vanished) {
            throw new SourceChangedException("the source file vanished after the scan");
        } catch (FileSystemException e) {
            SourceLockedException locked = SourceLockedException.of(r.source().toString(), e);
            throw locked != null ? locked : e;
        }
        boolean copied = false;
        try (in) {
            FileChannel out;
            try {
                out = FileChannel.open(r.temp(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) { // a temp that exists is not ours: it is left alone
                throw isDiskFull(e) ? new DestinationFullException("the destination is full (" + e.getReason() + ")")
                        : e;
            }
            boolean ok = false;
            try {
                CopyResult bytes;
                try {
                    bytes = copyBytes(in, out, r, progress);
                } catch (Throwable t) {
                    try {
                        out.close();
                    } catch (IOException closing) {
                        t.addSuppressed(closing);
                    }
                    throw t;
                }
                try {
                    out.close(); // may report what the write-back failed to write
                } catch (IOException closing) {
                    throw destinationError(closing, "writing the copy");
                }
                giveMode(r);
                setTimes(r.temp(), r.times(), r.store());
                // Flushed after its mode and times are set (as LinuxFileOps does), so all of them are on the device
                // before the copy gets its name. Portable code cannot flush a whole volume: every copy is flushed.
                flush(r.temp());
                CopyResult result = new CopyResult(bytes.bytes(), bytes.sourceAccessTouched(), bytes.sourceAccessPutBack(),
                        stat(r.temp()));
                ok = true;
                copied = true;
                return result;
            } finally {
                if (!ok) {
                    Files.deleteIfExists(r.temp());
                }
            }
        } finally {
            if (!copied) {
                // Cancelled or failed part way: reading moved the source's access time all the same. Put back as
                // far as it can be: the copy already fails with its own reason.
                try {
                    putBackAccessTime(this, r.source(), r.expected().times());
                } catch (IOException notOurs) {
                    // not the owner, or the source is gone
                }
            }
        }
    }

    /**
     * force(true) through a channel of its own: after the times were set by name, past the close. Unix systems fsync
     * a descriptor opened for reading (a copy of a read-only source may not be opened for writing any more);
     * Windows' FlushFileBuffers needs write access, and there the copy has no permission bits set.
     */
    private static void flush(Path copy) throws IOException {
        try (FileChannel ch = FileChannel.open(copy, UNIX ? StandardOpenOption.READ : StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw destinationError(e, "flushing the copy to the device");
        }
    }

    /** The source's permission bits, where both sides have them (the JDK creates the copy with the umask's). */
    private void giveMode(CopyRequest r) throws IOException {
        int mode = r.expected().mode();
        if (!UNIX || mode < 0 || (stat(r.temp()).mode() & 0777) == (mode & 0777)) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                perms.add(p);
            }
        }
        Files.setPosixFilePermissions(r.temp(), perms);
    }

    private CopyResult copyBytes(FileChannel in, FileChannel out, CopyRequest r, CopyProgress progress)
            throws IOException {
        MessageDigest digest = r.verify() ? Digests.sha256() : null;
        long total = 0;
        if (digest == null) {
            long n;
            while ((n = transfer(in, out, total, r.source())) > 0) {
                total += n;
                progress.copied(n);
            }
        } else {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            int n;
            while ((n = read(in, buf, r.source())) > 0) {
                buf.flip();
                digest.update(buf.duplicate());
                try {
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    throw destinationError(e, "writing the copy");
                }
                buf.clear();
                total += n;
                progress.copied(n);
            }
        }
        FileStat after = stat(r.source());
        if (total != r.expected().size() || after.size() != r.expected().size()
                || !after.times().modified().equals(r.expected().times().modified())) {
            throw new SourceChangedException("the source file changed during the copy");
        }
        if (digest != null) {
            byte[] back;
            try {
                back = digestOf(r.temp());
            } catch (IOException e) {
                throw destinationError(e, "reading the copy back");
            }
            if (!Arrays.equals(digest.digest(), back)) {
                throw new IOException("the copy's checksum differs from the source's");
            }
        }
        boolean touched = false;
        boolean putBack = false;
        try {
            putBack = putBackAccessTime(this, r.source(), r.expected().times());
        } catch (IOException e) {
            touched = true;
        }
        return new CopyResult(total, touched, putBack, null);
    }

    /**
     * transferTo fails without saying which side failed: one byte read from the source where it stopped tells. A
     * source that reads fine there means the destination refused the write.
     */
    private static long transfer(FileChannel in, FileChannel out, long position, Path file) throws IOException {
        try {
            return in.transferTo(position, CopyProgress.CHUNK, out);
        } catch (ClosedChannelException e) { // interrupted (cancel): not a disk's fault
            throw e;
        } catch (IOException e) {
            try {
                in.read(ByteBuffer.allocate(1), position);
            } catch (ClosedChannelException closed) {
                throw closed;
            } catch (IOException source) {
                throw sourceError(source, file);
            }
            throw destinationError(e, "writing the copy");
        }
    }

    private static int read(FileChannel in, ByteBuffer buf, Path file) throws IOException {
        try {
            return in.read(buf);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            throw sourceError(e, file);
        }
    }

    /**
     * The JDK's read errors carry the system's words for the error and nothing else. A range another program locked
     * (Windows) is not the disk's fault either.
     */
    static IOException sourceError(IOException e, Path file) {
        SourceLockedException locked = SourceLockedException.of(file.toString(), e);
        if (locked != null) {
            return locked;
        }
        if (e instanceof FileSystemException) { // permission denied, vanished: about the file, not the disk
            return e;
        }
        IOException said = new SourceReadException("reading the source failed (" + e.getMessage()
                + "): the source disk may be failing");
        said.initCause(e);
        return said;
    }

    /** Full, gone or failing, said the way {@link LinuxFileOps} says it (the JDK gives the system's words). */
    private static IOException destinationError(IOException e, String doing) {
        if (isDiskFull(e)) {
            IOException full = new DestinationFullException("the destination is full (" + reason(e) + ")");
            full.initCause(e);
            return full;
        }
        if (e instanceof FileSystemException) { // permission denied, too large: their own exceptions
            return e;
        }
        String reason = reason(e);
        boolean gone = GONE.stream().anyMatch(reason::equalsIgnoreCase);
        IOException said = new DestinationWriteException(doing + " on the destination failed (" + reason + "): "
                + (gone ? "the backup disk is no longer there" : "the backup disk may be failing"), gone);
        said.initCause(e);
        return said;
    }

    /** strerror's words for ENODEV, ENXIO, ENOTCONN and ESHUTDOWN (glibc and macOS). */
    private static final List<String> GONE = List.of("No such device", "No such device or address",
            "Device not configured", "Transport endpoint is not connected", "Socket is not connected",
            "Cannot send after transport endpoint shutdown", "Can't send after socket shutdown");

    private static String reason(IOException e) {
        return String.valueOf(e instanceof FileSystemException f ? f.getReason() : e.getMessage());
    }

    private static boolean isDiskFull(IOException e) {
        String reason = reason(e).toLowerCase(Locale.ROOT);
        return reason.contains("no space") || reason.contains("not enough space") || reason.contains("disk full");
    }

    static byte[] digestOf(Path file) throws IOException {
        MessageDigest d = Digests.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) > 0) {
                buf.flip();
                d.update(buf);
                buf.clear();
            }
        }
        return d.digest();
    }

    @Override
    public byte[] digest(Path file) throws IOException {
        FileStat before = stat(file);
        byte[] d = digestOf(file);
        putBackAccessTime(this, file, before.times());
        return d;
    }

    /**
     * Sets the access time back where reading moved it. The JDK cannot read without moving it: it has no O_NOATIME
     * (macOS has none at all), and on Windows only a handle told not to update it (SetFileTime with 0xFFFFFFFF, which
     * the JDK never calls) keeps it, where last-access updates are on. Setting it back writes the file's metadata
     * (its change time moves): the caller says so. @return whether it had moved and was set back
     */
    static boolean putBackAccessTime(FileOps ops, Path file, FileTimes before) throws IOException {
        FileStat now = ops.stat(file);
        if (!now.times().accessed().equals(before.accessed())) {
            ops.setTimes(file, new FileTimes(now.times().modified(), before.accessed(), null));
            return true;
        }
        return false;
    }

    @Override
    public boolean publish(Path temp, Path target) throws IOException {
        return publishByLink(temp, target);
    }

    /**
     * link(2) fails when the name exists, so a file that appeared meanwhile is never replaced. Volumes without
     * hard links (FAT, exFAT, some network shares) fall back to a move that checks first: a window of
     * microseconds remains there, which is said in README.
     */
    static boolean publishByLink(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            try {
                Files.move(temp, target); // no REPLACE_EXISTING: refuses an existing target
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
        Files.delete(temp);
        return true;
    }

    /**
     * NIO's listing, which moves the folder's access time (the JDK has no O_NOATIME): it is put back at once, which
     * changes the folder's ctime. Where that is refused (not the folder's owner) the caller's own check tells.
     */
    @Override
    public java.util.List<DirectoryEntry> list(Path dir) throws IOException {
        FileStat before = stat(dir);
        if (before.kind() == EntryKind.SYMLINK) { // newDirectoryStream would follow it
            throw new FileSystemException(dir.toString(), null,
                    "a symbolic link is where a folder should be, and FileSync never follows links");
        }
        java.util.List<DirectoryEntry> out = new java.util.ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                out.add(new DirectoryEntry(name, name.indexOf('\uFFFD') < 0 || reopens(dir, name)));
            }
        }
        try {
            putBackAccessTime(this, dir, before.times());
        } catch (IOException refused) {
            // Not recorded here: the scan compares the folder's access time with its own reading and warns.
        }
        return out;
    }

    /**
     * The JDK puts U+FFFD where a name's bytes are not valid text; a name can also really hold that character. It is
     * valid text when the name, made again from the string, is there.
     */
    private static boolean reopens(Path dir, String name) {
        try {
            return Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * Asks the file system, so the reason is the real one: Windows answers by opening the file (the JDK's
     * WindowsFileSystemProvider.checkReadAccess), which a program holding it without sharing refuses; that is not
     * "permission denied".
     */
    @Override
    public String whyUnreadable(Path file) {
        try {
            file.getFileSystem().provider().checkAccess(file, java.nio.file.AccessMode.READ);
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return FileOps.super.whyUnreadable(file);
        } catch (IOException e) {
            SourceLockedException locked = SourceLockedException.of(file.toString(), e);
            return locked != null ? locked.getReason() : "it cannot be read (" + reason(e) + ")";
        }
    }

    @Override
    public void setTimes(Path path, FileTimes times, CreationTimeStore store) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(times.modifiedFileTime(), times.accessedFileTime(),
                        store == CreationTimeStore.FILE_SYSTEM ? times.createdFileTime() : null);
    }

    /** Windows and macOS: the JDK sets creation times itself. Elsewhere this implementation cannot. */
    @Override
    public CreationTimeStore creationTimeStore(Path folder) {
        return SETS_CREATION ? CreationTimeStore.FILE_SYSTEM : CreationTimeStore.NONE;
    }

    @Override
    public void flushVolume(Path folder) {
        // Each copy was already forced to the device in copy(); there is nothing left to flush.
    }

    /**
     * macOS (and other Unix systems) open a folder as a channel and fsync it. Windows cannot open a folder through
     * the JDK at all: there NTFS records the rename in its own journal, and FlushFileBuffers on a folder needs a
     * handle the JDK does not give, so nothing more can be done from Java (reasoned from the JDK's sources, not run).
     */
    @Override
    public void flushFolder(Path folder) throws IOException {
        FileChannel dir;
        try {
            dir = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException windows) {
            return;
        }
        try (dir) {
            dir.force(true);
        }
    }

    @Override
    public String describe() {
        return "portable NIO (each copy flushed on its own)";
    }
}
