package io.filesync.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * NIO only: what Windows and macOS get (and Linux when native access is unavailable). The JDK sets creation
 * times on Windows and macOS through {@code setTimes}. Reading bumps the source's access time, so results say
 * {@code sourceAccessTouched} and the engine puts it back.
 */
final class PortableFileOps implements FileOps {
    private static final boolean SETS_CREATION = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");

    @Override
    public FileStat stat(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryKind kind = a.isRegularFile() ? EntryKind.FILE
                : a.isDirectory() ? EntryKind.FOLDER
                : a.isSymbolicLink() ? EntryKind.SYMLINK : EntryKind.OTHER;
        int mode = -1;
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).permissions();
            mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 0400 >> p.ordinal();
            }
        }
        // Where the file system keeps no creation time the JDK reports the modification time; only Windows and
        // macOS file systems are trusted to have a real one here.
        FileTimes times = new FileTimes(a.lastModifiedTime().toInstant(), a.lastAccessTime().toInstant(),
                SETS_CREATION ? a.creationTime().toInstant() : null);
        Object key = a.fileKey();
        return new FileStat(kind, a.size(), times, mode, 0, key == null ? 0 : key.hashCode());
    }

    @Override
    public CopyResult copy(CopyRequest r, CopyProgress progress) throws IOException {
        FileStat before = stat(r.source());
        if (!before.isFile()) {
            throw new SourceChangedException("the source is no longer a regular file");
        }
        if (before.size() != r.expected().size() || !before.times().modified().equals(r.expected().times().modified())) {
            throw new SourceChangedException("the source file was modified after the scan");
        }
        boolean ok = false;
        try {
            CopyResult copied = copyBytes(r, progress);
            setTimes(r.temp(), r.times(), r.store());
            CopyResult result = new CopyResult(copied.bytes(), copied.sourceAccessTouched(), stat(r.temp()));
            ok = true;
            return result;
        } catch (FileSystemException e) {
            if (isDiskFull(e)) {
                throw new DestinationFullException("the destination is full (" + e.getReason() + ")");
            }
            throw e;
        } finally {
            if (!ok) {
                Files.deleteIfExists(r.temp());
            }
        }
    }

    private CopyResult copyBytes(CopyRequest r, CopyProgress progress) throws IOException {
        try (FileChannel in = FileChannel.open(r.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel out = FileChannel.open(r.temp(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                     LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = r.verify() ? LinuxFileOps.sha256() : null;
            long total = 0;
            if (digest == null) {
                long n;
                while ((n = in.transferTo(total, CopyProgress.CHUNK, out)) > 0) {
                    total += n;
                    progress.copied(n);
                }
            } else {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
                int n;
                while ((n = in.read(buf)) > 0) {
                    buf.flip();
                    digest.update(buf.duplicate());
                    while (buf.hasRemaining()) {
                        out.write(buf);
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
            // Portable code cannot flush a whole volume, so every copy is flushed on its own.
            out.force(true);
            if (digest != null && !Arrays.equals(digest.digest(), digestOf(r.temp()))) {
                throw new IOException("the copy's checksum differs from the source's");
            }
            boolean touched = false;
            try {
                putBackAccessTime(this, r.source(), r.expected().times());
            } catch (IOException e) {
                touched = true;
            }
            return new CopyResult(total, touched, null);
        }
    }

    private static boolean isDiskFull(FileSystemException e) {
        String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
        return reason.contains("no space") || reason.contains("not enough space") || reason.contains("disk full");
    }

    static byte[] digestOf(Path file) throws IOException {
        MessageDigest d = LinuxFileOps.sha256();
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

    static void putBackAccessTime(FileOps ops, Path file, FileTimes before) throws IOException {
        FileStat now = ops.stat(file);
        if (!now.times().accessed().equals(before.accessed())) {
            ops.setTimes(file, new FileTimes(now.times().modified(), before.accessed(), null));
        }
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

    /** NIO's listing: the caller puts back the folder's access time afterwards. */
    @Override
    public java.util.List<DirectoryEntry> list(Path dir) throws IOException {
        java.util.List<DirectoryEntry> out = new java.util.ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                out.add(new DirectoryEntry(name, name.indexOf('\uFFFD') < 0));
            }
        }
        return out;
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
