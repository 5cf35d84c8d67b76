package io.filesync.platform;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import static io.filesync.platform.Libc.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Linux: reads the source with {@code O_NOATIME} (so its access time never moves and no restore is needed,
 * which would have changed its ctime), never opens a FIFO or device that was swapped in after the scan
 * ({@code O_NONBLOCK|O_NOFOLLOW}, then fstat), copies in-kernel ({@code copy_file_range}, falling back to
 * {@code sendfile}), and publishes with {@code renameat2(RENAME_NOREPLACE)}.
 */
final class LinuxFileOps implements FileOps {
    private static final int STATX_SIZE = 256;
    private static final long BUFFER = 1L << 20;

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
    public java.util.List<DirectoryEntry> list(Path dir) throws IOException {
        return read(dir, false, false);
    }

    /** One open folder, one buffer: each entry is examined by statx relative to the folder, by its name as listed. */
    @Override
    public java.util.List<DirectoryEntry> scan(Path dir, boolean creationTimes) throws IOException {
        return read(dir, true, creationTimes);
    }

    private java.util.List<DirectoryEntry> read(Path dir, boolean examine, boolean creationTimes) throws IOException {
        try (Call c = new Call()) {
            MemorySegment name = c.cString(dir.toString());
            int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
            int fd = c.open(name, flags | O_NOATIME, 0);
            if (fd < 0 && c.errno() == EPERM) {
                fd = c.open(name, flags, 0);
            }
            if (fd < 0) {
                throw error(c.errno(), dir, null);
            }
            try {
                java.util.List<DirectoryEntry> out = new java.util.ArrayList<>();
                MemorySegment buf = c.arena.allocate(64 * 1024, 8);
                MemorySegment statBuf = c.arena.allocate(STATX_SIZE, 8);
                String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
                byte[] records = new byte[(int) buf.byteSize()]; // parsed as a Java array: cheaper than segment reads
                long n;
                while ((n = c.getdents64(fd, buf)) > 0) {
                    MemorySegment.copy(buf, JAVA_BYTE, 0, records, 0, (int) n);
                    for (int off = 0; off < n; ) {
                        // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2, little-endian), d_type (1), d_name
                        int reclen = (records[off + 16] & 0xff) | (records[off + 17] & 0xff) << 8;
                        int start = off + 19;
                        int end = start;
                        while (records[end] != 0) { // d_name is NUL-terminated within the record
                            end++;
                        }
                        int len = end - start;
                        if (!(len == 1 && records[start] == '.')
                                && !(len == 2 && records[start] == '.' && records[start + 1] == '.')) {
                            DirectoryEntry e = entry(java.util.Arrays.copyOfRange(records, start, end));
                            out.add(examine && e.validText() ? examine(c, fd, buf.asSlice(start), statBuf, prefix, e,
                                    creationTimes) : e);
                        }
                        off += reclen;
                    }
                }
                if (n < 0) {
                    throw error(c.errno(), dir, "listing the folder failed");
                }
                return out;
            } finally {
                c.close(fd);
            }
        }
    }

    private static DirectoryEntry examine(Call c, int dirfd, MemorySegment name, MemorySegment buf, String prefix,
                                          DirectoryEntry e, boolean creationTimes) {
        if (c.statx(dirfd, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, buf) != 0) {
            return new DirectoryEntry(e.name(), true, null, error(c.errno(), Path.of(prefix + e.name()), null));
        }
        FileStat stat = parse(buf);
        if (creationTimes) {
            stat = withAttributeCreation(c, c.cString(prefix + e.name()), stat);
        }
        return new DirectoryEntry(e.name(), true, stat, null);
    }

    @Override
    public FileStat withCreationTime(Path path, FileStat scanned) {
        try (Call c = new Call()) {
            return withAttributeCreation(c, c.cString(path.toString()), scanned);
        }
    }

    /** Root reads any file on a local volume whatever its permissions: asking would cost a call per file. */
    private static final boolean ROOT = Libc.isRoot();

    @Override
    public boolean readable(Path file) {
        return ROOT || Files.isReadable(file);
    }

    /** Folders held open at once, at most: far below the usual descriptor limits; past it, plain paths. */
    private static final int MAX_HELD = 2048;
    /** What a held folder's path starts with: the folder's descriptor follows. */
    private static final String HELD = "/proc/self/fd/";
    private static final boolean PROC_FD = java.nio.file.Files.isDirectory(Path.of("/proc/self/fd"));
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public java.util.Optional<Path> hold(Path folder) throws IOException {
        if (!PROC_FD || held.incrementAndGet() > MAX_HELD) {
            if (PROC_FD) {
                held.decrementAndGet();
            }
            return java.util.Optional.empty();
        }
        try (Call c = new Call()) {
            int fd = c.open(c.cString(folder.toString()), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0) {
                held.decrementAndGet();
                int e = c.errno();
                if (e == ELOOP) {
                    throw new java.nio.file.FileSystemException(folder.toString(), null,
                            "a symbolic link is where a folder should be, and FileSync never writes through links");
                }
                throw error(e, folder, null);
            }
            return java.util.Optional.of(Path.of(HELD + fd + "/."));
        }
    }

    @Override
    public void release(Path heldPath) {
        String s = heldPath.toString();
        if (s.startsWith(HELD) && s.endsWith("/.")) {
            try (Call c = new Call()) {
                c.close(Integer.parseInt(s, HELD.length(), s.length() - 2, 10));
            }
            held.decrementAndGet();
        }
    }

    private static DirectoryEntry entry(byte[] raw) {
        boolean ascii = true;
        for (byte b : raw) {
            ascii &= b >= 0;
        }
        if (ascii) {
            return new DirectoryEntry(new String(raw, java.nio.charset.StandardCharsets.US_ASCII), true);
        }
        try {
            return new DirectoryEntry(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString(), true);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new DirectoryEntry(new String(raw, java.nio.charset.StandardCharsets.UTF_8), false);
        }
    }

    @Override
    public FileStat stat(Path path) throws IOException {
        try (Call c = new Call()) {
            MemorySegment buf = c.arena.allocate(STATX_SIZE, 8);
            MemorySegment name = c.cString(path.toString());
            if (c.statx(AT_FDCWD, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, buf) != 0) {
                throw error(c.errno(), path, null);
            }
            return withAttributeCreation(c, name, parse(buf));
        }
    }

    private static FileStat withAttributeCreation(Call c, MemorySegment name, FileStat stat) {
        if (stat.kind() == EntryKind.FILE || stat.kind() == EntryKind.FOLDER) {
            Instant created = creationTime(c, name, stat.times().created());
            if (!Objects.equals(created, stat.times().created())) {
                return stat.withCreated(created);
            }
        }
        return stat;
    }

    /**
     * The creation time a user would call this file's: the original FileSync kept aside on a copy whose file system
     * could not hold it; else the birth time statx reports; else, on NTFS through ntfs-3g (FUSE, whose statx shows
     * no birth time), {@code system.ntfs_crtime}. Reading attributes moves no time.
     */
    private static Instant creationTime(Call c, MemorySegment name, Instant birth) {
        MemorySegment value = c.arena.allocate(64);
        long n = c.getxattr(name, CreationTimeStore.KEPT_ASIDE, value);
        if (n > 0) {
            Instant kept = CreationTimeCodec.fromText(value.asSlice(0, n).toArray(JAVA_BYTE), (int) n);
            if (kept != null) {
                return kept;
            }
        }
        if (birth != null) {
            return birth;
        }
        n = c.getxattr(name, CreationTimeStore.NTFS_XATTR.attribute(), value);
        return n == 8 ? CreationTimeCodec.fromFileTime(value.asSlice(0, 8).toArray(JAVA_BYTE), 8) : null;
    }

    private static FileStat fstat(Call c, int fd, Path path) throws IOException {
        MemorySegment buf = c.arena.allocate(STATX_SIZE, 8);
        if (c.statx(fd, c.cString(""), AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, buf) != 0) {
            throw error(c.errno(), path, null);
        }
        return parse(buf);
    }

    private static FileStat parse(MemorySegment b) {
        int mask = b.get(JAVA_INT, 0);
        int mode = Short.toUnsignedInt(b.get(JAVA_SHORT, 28));
        EntryKind kind = EntryKind.ofMode(mode);
        Instant created = (mask & STATX_BTIME) != 0 ? time(b, 80) : null;
        FileTimes times = new FileTimes(time(b, 112), time(b, 64), created);
        long device = ((long) b.get(JAVA_INT, 136) << 32) | Integer.toUnsignedLong(b.get(JAVA_INT, 140));
        return new FileStat(kind, b.get(JAVA_LONG, 40), times, mode & 07777, device, b.get(JAVA_LONG, 32));
    }

    private static Instant time(MemorySegment b, long offset) {
        return Instant.ofEpochSecond(b.get(JAVA_LONG, offset), Integer.toUnsignedLong(b.get(JAVA_INT, offset + 8)));
    }

    /** The process's umask: a copy whose mode it would not change is created with that mode (no fchmod). */
    private static final int UMASK = Libc.umask();

    /**
     * Everything on the copy happens through descriptors and names relative to its held folder: create it
     * exclusively, copy in-kernel, give it its mode, creation time attribute and times while open, close it (the
     * close reports write errors), then read it back by name.
     */
    @Override
    public CopyResult copy(CopyRequest r, CopyProgress progress) throws IOException {
        try (Call c = new Call()) {
            MemorySegment srcName = c.cString(r.source().toString());
            boolean noAtime = true;
            int in = c.open(srcName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOATIME, 0);
            if (in < 0 && c.errno() == EPERM) { // O_NOATIME is only for the file's owner (or root)
                noAtime = false;
                in = c.open(srcName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
            }
            if (in < 0) {
                int e = c.errno();
                if (e == ENOENT) {
                    throw new SourceChangedException("the source file vanished after the scan");
                }
                if (e == ELOOP) {
                    throw new SourceChangedException("the source file was replaced by a symbolic link after the scan");
                }
                throw sourceError(e, r.source());
            }
            try {
                FileStat before = fstat(c, in, r.source());
                requireUnchanged(before, r.expected(), "after the scan");
                At temp = At.of(r.temp());
                MemorySegment tempName = c.cString(temp.name());
                int mode = r.expected().mode() >= 0 ? r.expected().mode() & 0777 : -1;
                boolean modeAtCreation = mode >= 0 && UMASK >= 0 && (mode & UMASK) == 0;
                int out = c.openAt(temp.dirfd(), tempName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        modeAtCreation ? mode : 0600);
                if (out < 0) {
                    throw destinationError(c.errno(), r.temp(), "creating the copy");
                }
                boolean ok = false;
                boolean open = true;
                try {
                    long bytes = r.verify()
                            ? copyVerified(c, in, out, r, progress)
                            : copyInKernel(c, in, out, r, progress);
                    if (bytes != r.expected().size()) {
                        throw new SourceChangedException("the source file changed size during the copy ("
                                + r.expected().size() + " bytes at the scan, " + bytes + " read)");
                    }
                    requireUnchanged(fstat(c, in, r.source()), r.expected(), "during the copy");
                    if (mode >= 0 && !modeAtCreation && c.fchmod(out, mode) != 0) {
                        throw destinationError(c.errno(), r.temp(), "setting the copy's permissions");
                    }
                    Instant attributeCreated = giveTimes(c, out, r.times(), r.store());
                    // Flushed after its times are set, so bytes, size and times are on the device before the copy
                    // gets its name. After a failed fsync the kernel may have dropped the dirty pages: the copy is
                    // lost, never retried.
                    if (r.fsync() && c.fsync(out) != 0) {
                        throw destinationError(c.errno(), r.temp(), "flushing the copy to the device");
                    }
                    open = false;
                    if (c.close(out) != 0) {
                        throw destinationError(c.errno(), r.temp(), "writing the copy");
                    }
                    FileStat back = statAt(c, temp, tempName, r.temp());
                    if (!back.times().modified().equals(r.times().modified())
                            || !back.times().accessed().equals(r.times().accessed())) {
                        // Some volumes move times when a file is closed (or keep coarser ones): set them again
                        // by name, and read again.
                        if (c.utimensat(temp.dirfd(), tempName, timespecs(c, r.times()), AT_SYMLINK_NOFOLLOW) != 0) {
                            throw destinationError(c.errno(), r.temp(), "setting the copy's times");
                        }
                        FileStat again = statAt(c, temp, tempName, r.temp());
                        // Flushed again only if setting them changed what reads back: on a volume with coarser
                        // times (NTFS, exFAT) the second setting changes nothing, and the first was flushed.
                        if (r.fsync() && !again.times().equals(back.times())) {
                            flushByName(c, temp, tempName, r.temp());
                        }
                        back = again;
                    }
                    Instant created = attributeCreated != null ? attributeCreated : back.times().created();
                    if (!Objects.equals(created, back.times().created())) {
                        back = back.withCreated(created);
                    }
                    ok = true;
                    return new CopyResult(bytes, !noAtime, false, back);
                } finally {
                    if (open) {
                        c.close(out);
                    }
                    if (!ok) {
                        Files.deleteIfExists(r.temp());
                    }
                }
            } finally {
                c.close(in);
            }
        }
    }

    /**
     * Sets the creation time attribute (where the volume keeps one) and then access and modification time on the
     * open copy, and reads the attribute back.
     *
     * @return the creation time the attribute holds now, or null where the volume keeps none in an attribute
     */
    private static Instant giveTimes(Call c, int fd, FileTimes times, CreationTimeStore store) throws IOException {
        // Modification and access time first, the creation attribute after: ntfs-3g writes back times set after its
        // system.ntfs_crtime as the time of the close (they read back right until the volume is mounted again).
        if (c.futimens(fd, timespecs(c, times)) != 0) {
            throw destinationError(c.errno(), null, "setting the copy's times");
        }
        Instant created = null;
        if (times.hasCreated() && store.attribute() != null) {
            byte[] value = store == CreationTimeStore.FILESYNC_XATTR
                    ? CreationTimeCodec.text(times.created())
                    : CreationTimeCodec.fileTime(times.created());
            c.fsetxattr(fd, store.attribute(), c.arena.allocateFrom(JAVA_BYTE, value)); // refused: told below
            MemorySegment back = c.arena.allocate(64);
            long n = c.fgetxattr(fd, store.attribute(), back);
            if (n > 0) {
                byte[] read = back.asSlice(0, n).toArray(JAVA_BYTE);
                if (store == CreationTimeStore.FILESYNC_XATTR) {
                    // The text holds every nanosecond: the same bytes are the same instant, no need to decode.
                    created = Arrays.equals(read, value) ? times.created() : CreationTimeCodec.fromText(read, (int) n);
                } else if (n == 8) { // a FILETIME keeps 100 ns steps: decoded, so the check sees what was kept
                    created = CreationTimeCodec.fromFileTime(read, 8);
                }
            }
        }
        return created;
    }

    /** struct timespec[2]: access time, then modification time. */
    private static MemorySegment timespecs(Call c, FileTimes times) {
        MemorySegment t = c.arena.allocate(32, 8);
        t.set(JAVA_LONG, 0, times.accessed().getEpochSecond());
        t.set(JAVA_LONG, 8, times.accessed().getNano());
        t.set(JAVA_LONG, 16, times.modified().getEpochSecond());
        t.set(JAVA_LONG, 24, times.modified().getNano());
        return t;
    }

    /** statx by a name relative to a held folder (its creation time is birth time only: no attribute is read). */
    private static FileStat statAt(Call c, At at, MemorySegment name, Path path) throws IOException {
        MemorySegment buf = c.arena.allocate(STATX_SIZE, 8);
        if (c.statx(at.dirfd(), name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, buf) != 0) {
            throw error(c.errno(), path, null);
        }
        return parse(buf);
    }

    /**
     * A path as the held folder's descriptor and the rest of the path relative to it, so the kernel does not look
     * up {@code /proc/self/fd/N} for every call; any other path as itself (relative to the working folder).
     */
    record At(int dirfd, String name) {
        static At of(Path path) {
            String s = path.toString();
            if (s.startsWith(HELD)) {
                int dot = s.indexOf("/./", HELD.length());
                if (dot > HELD.length() && dot + 3 < s.length()) {
                    try {
                        return new At(Integer.parseInt(s, HELD.length(), dot, 10), s.substring(dot + 3));
                    } catch (NumberFormatException notHeld) {
                        // not one of ours: used as it is
                    }
                }
            }
            return new At(AT_FDCWD, s);
        }
    }

    private static void requireUnchanged(FileStat now, FileStat expected, String when) throws SourceChangedException {
        if (now.kind() != EntryKind.FILE) {
            throw new SourceChangedException("the source is no longer a regular file (it is a " + now.kind().words()
                    + ") " + when);
        }
        if (now.size() != expected.size() || !now.times().modified().equals(expected.times().modified())) {
            throw new SourceChangedException("the source file was modified " + when);
        }
    }

    private long copyInKernel(Call c, int in, int out, CopyRequest r, CopyProgress progress) throws IOException {
        long total = 0;
        boolean useSendfile = false;
        while (true) {
            long n = useSendfile ? c.sendfile(out, in, CopyProgress.CHUNK) : c.copyFileRange(in, out, CopyProgress.CHUNK);
            if (n < 0) {
                int e = c.errno();
                if (!useSendfile && total == 0 && (e == EXDEV || e == EINVAL || e == ENOSYS || e == EOPNOTSUPP)) {
                    useSendfile = true; // copy_file_range refuses some pairs of file systems
                    continue;
                }
                if (useSendfile && total == 0 && (e == EINVAL || e == ENOSYS)) {
                    return total + copyThroughBuffer(c, in, out, r, progress, null);
                }
                throw sourceCanBeRead(c, in, total) ? destinationError(e, r.temp(), "writing the copy")
                        : sourceError(e, r.source());
            }
            if (n == 0) {
                return total;
            }
            total += n;
            progress.copied(n);
            if (total == r.expected().size()) {
                return total; // growth after this point shows in the size the caller checks next
            }
        }
    }

    private long copyVerified(Call c, int in, int out, CopyRequest r, CopyProgress progress) throws IOException {
        MessageDigest source = sha256();
        long bytes = copyThroughBuffer(c, in, out, r, progress, source);
        MessageDigest copy = sha256();
        int check = c.open(c.cString(r.temp().toString()), O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (check < 0) {
            throw destinationError(c.errno(), r.temp(), "reading the copy back");
        }
        try {
            MemorySegment buf = c.arena.allocate(BUFFER, 4096);
            long n;
            while ((n = c.read(check, buf, BUFFER)) > 0) {
                copy.update(buf.asSlice(0, n).asByteBuffer());
            }
            if (n < 0) {
                throw destinationError(c.errno(), r.temp(), "reading the copy back");
            }
        } finally {
            c.close(check);
        }
        if (!Arrays.equals(source.digest(), copy.digest())) {
            throw new IOException("the copy's checksum differs from the source's: the destination did not store"
                    + " the bytes that were written");
        }
        return bytes;
    }

    private static long copyThroughBuffer(Call c, int in, int out, CopyRequest r, CopyProgress progress,
                                          MessageDigest digest) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(BUFFER, 4096);
            long total = 0;
            long sinceReport = 0;
            while (true) {
                long n = c.read(in, buf, BUFFER);
                if (n < 0) {
                    throw sourceError(c.errno(), r.source());
                }
                if (n == 0) {
                    if (sinceReport > 0) {
                        progress.copied(sinceReport);
                    }
                    return total;
                }
                if (digest != null) {
                    digest.update(buf.asSlice(0, n).asByteBuffer());
                }
                long off = 0;
                while (off < n) {
                    long w = c.write(out, buf.asSlice(off), n - off);
                    if (w < 0) {
                        throw destinationError(c.errno(), r.temp(), "writing the copy");
                    }
                    off += w;
                }
                total += n;
                sinceReport += n;
                if (sinceReport >= CopyProgress.CHUNK) {
                    progress.copied(sinceReport);
                    sinceReport = 0;
                }
            }
        }
    }

    @Override
    public byte[] digest(Path file) throws IOException {
        try (Call c = new Call()) {
            MemorySegment name = c.cString(file.toString());
            int fd = c.open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOATIME, 0);
            boolean noAtime = true;
            if (fd < 0 && c.errno() == EPERM) {
                noAtime = false;
                fd = c.open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
            }
            if (fd < 0) {
                throw error(c.errno(), file, null);
            }
            FileStat before;
            MessageDigest d = sha256();
            try {
                before = fstat(c, fd, file);
                if (!before.isFile()) {
                    throw new IOException(file + " is not a regular file");
                }
                MemorySegment buf = c.arena.allocate(BUFFER, 4096);
                long n;
                while ((n = c.read(fd, buf, BUFFER)) > 0) {
                    d.update(buf.asSlice(0, n).asByteBuffer());
                }
                if (n < 0) {
                    throw error(c.errno(), file, "reading failed");
                }
            } finally {
                c.close(fd);
            }
            if (!noAtime) {
                PortableFileOps.putBackAccessTime(this, file, before.times());
            }
            return d.digest();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean publish(Path temp, Path target) throws IOException {
        try (Call c = new Call()) {
            At from = At.of(temp);
            At to = At.of(target);
            if (c.renameNoReplace(from.dirfd(), c.cString(from.name()), to.dirfd(), c.cString(to.name())) == 0) {
                return true;
            }
            int e = c.errno();
            if (e == EEXIST) {
                return false;
            }
            if (e != EINVAL && e != ENOSYS && e != EOPNOTSUPP) {
                throw destinationError(e, target, "naming the copy");
            }
        }
        return PortableFileOps.publishByLink(temp, target);
    }

    @Override
    public void setTimes(Path path, FileTimes times, CreationTimeStore store) throws IOException {
        // Linux has no call that sets a birth time (the JDK ignores setTimes' third argument here); some volumes
        // take it as an extended attribute. Set after the other two: ntfs-3g loses times set after its crtime once
        // the volume is mounted again (see giveTimes).
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(times.modifiedFileTime(), times.accessedFileTime(), null);
        if (times.hasCreated() && store.attribute() != null) {
            byte[] value = store == CreationTimeStore.FILESYNC_XATTR
                    ? CreationTimeCodec.text(times.created())
                    : CreationTimeCodec.fileTime(times.created());
            try (Call c = new Call()) {
                c.setxattr(c.cString(path.toString()), store.attribute(), c.arena.allocateFrom(JAVA_BYTE, value));
            }
        }
    }

    /**
     * ntfs-3g answers for {@code system.ntfs_crtime} on any entry; a CIFS mount for {@code user.cifs.creationtime};
     * a volume with user attributes answers "no such attribute" (not "not supported") for ours.
     */
    @Override
    public CreationTimeStore creationTimeStore(Path folder) {
        try (Call c = new Call()) {
            MemorySegment path = c.cString(folder.toString());
            MemorySegment value = c.arena.allocate(64);
            if (c.getxattr(path, CreationTimeStore.NTFS_XATTR.attribute(), value) == 8) {
                return CreationTimeStore.NTFS_XATTR;
            }
            if (c.getxattr(path, CreationTimeStore.CIFS_XATTR.attribute(), value) == 8) {
                return CreationTimeStore.CIFS_XATTR;
            }
            long n = c.getxattr(path, CreationTimeStore.KEPT_ASIDE, value);
            if (n >= 0 || c.errno() == ENODATA || c.errno() == ERANGE) {
                return CreationTimeStore.FILESYNC_XATTR;
            }
            return CreationTimeStore.NONE;
        }
    }

    @Override
    public void flushVolume(Path folder) throws IOException {
        flush(folder, true);
    }

    /** fsync of the folder itself: its entries (the names just given) reach the device. */
    @Override
    public void flushFolder(Path folder) throws IOException {
        flush(folder, false);
    }

    /** syncfs ({@code wholeVolume}) or fsync of folder {@code folder}, held or not. */
    private static void flush(Path folder, boolean wholeVolume) throws IOException {
        String what = wholeVolume ? "flushing what was written" : "flushing a folder's names";
        try (Call c = new Call()) {
            At at = At.of(folder.resolve("."));
            int fd = c.openAt(at.dirfd(), c.cString(at.name()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw destinationError(c.errno(), folder, what);
            }
            try {
                if ((wholeVolume ? c.syncfs(fd) : c.fsync(fd)) != 0) {
                    throw destinationError(c.errno(), folder, what);
                }
            } finally {
                c.close(fd);
            }
        }
    }

    /**
     * syncfs writes back the kernel's dirty pages and asks the file system to commit; a FUSE file system (ntfs-3g,
     * exfat-fuse) is never asked (the kernel passes syncfs to none but virtiofs), so there only fsync reaches the
     * device.
     */
    @Override
    public boolean flushesWholeVolume(Path folder) {
        try (Call c = new Call()) {
            int fd = c.open(c.cString(folder.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            try {
                long type = c.fsType(fd);
                return type != -1 && type != FUSE_SUPER_MAGIC;
            } finally {
                c.close(fd);
            }
        }
    }

    @Override
    public String describe() {
        return "Linux system calls (statx, O_NOATIME reads, copy_file_range, renameat2 RENAME_NOREPLACE, syncfs)";
    }

    /**
     * An in-kernel copy fails without saying which side failed: one byte read from the source where it stopped
     * tells. A source that reads fine there means the destination refused the write.
     */
    private static boolean sourceCanBeRead(Call c, int in, long offset) {
        return c.pread(in, c.arena.allocate(1), 1, offset) >= 0;
    }

    /** fsync of a file by its name in its held folder (after times were set again by name, past the close). */
    private static void flushByName(Call c, At at, MemorySegment name, Path path) throws IOException {
        int fd = c.openAt(at.dirfd(), name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0) {
            throw destinationError(c.errno(), path, "flushing the copy to the device");
        }
        try {
            if (c.fsync(fd) != 0) {
                throw destinationError(c.errno(), path, "flushing the copy to the device");
            }
        } finally {
            c.close(fd);
        }
    }

    /**
     * A failure of the source's disk, said apart from the destination's. Permission denied and a vanished file keep
     * their own exceptions (they are about the file, not the disk).
     */
    static IOException sourceError(int errno, Path path) {
        if (errno == ENOENT || errno == EACCES || errno == EPERM) {
            return error(errno, path, null);
        }
        return new SourceReadException("reading the source failed (" + strerror(errno)
                + "): the source disk may be failing");
    }

    /**
     * A failure of the destination's disk while {@code doing} something to a copy: full, gone (the device is no
     * longer there) or failing. Permission denied and a file too large keep their own exceptions.
     */
    static IOException destinationError(int errno, Path path, String doing) {
        if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG || errno == EACCES || errno == EPERM
                || errno == EEXIST) {
            return error(errno, path, doing + " failed");
        }
        boolean gone = errno == ENODEV || errno == ENXIO || errno == ENOTCONN || errno == ESHUTDOWN;
        return new DestinationWriteException(doing + " on the destination failed (" + strerror(errno) + "): "
                + (gone ? "the backup disk is no longer there" : "the backup disk may be failing"), gone);
    }

    static IOException error(int errno, Path path, String what) {
        String reason = strerror(errno);
        String file = path == null ? null : path.toString();
        if (errno == ENOSPC || errno == EDQUOT) {
            return new DestinationFullException("the destination is full (" + reason + ")");
        }
        return switch (errno) {
            case EFBIG -> new FileSystemException(file, null, "the file is too large for the destination volume");
            case ENOENT -> new NoSuchFileException(file, null, reason);
            case EEXIST -> new FileAlreadyExistsException(file, null, reason);
            case EACCES, EPERM -> new AccessDeniedException(file, null, reason);
            default -> new FileSystemException(file, null, what == null ? reason : what + ": " + reason);
        };
    }
}
