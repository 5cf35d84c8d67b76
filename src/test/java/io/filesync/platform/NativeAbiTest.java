package io.filesync.platform;

import io.filesync.Tree;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import io.filesync.platform.Libc.Call;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static io.filesync.platform.Libc.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native ABI table, checked on whatever machine runs the suite (x86_64 here, arm64 on CI): the system call numbers
 * in Libc, the open flags that differ per architecture, the struct layouts (statx, linux_dirent64, timespec) and the
 * errno values. Each is judged by a reader that is not ours: NIO's {@code unix:*} attributes, NIO's listing and user
 * attributes, coreutils' {@code stat}, /proc. A wrong number or offset fails here, not as a wrong time in a backup.
 */
class NativeAbiTest {
    private static final int EBADF = 9, ENOTDIR = 20;
    private static final Instant MODIFIED = Instant.parse("2011-12-13T14:15:16.123456789Z");
    private static final Instant ACCESSED = Instant.parse("2001-02-03T04:05:06.987654321Z");

    @TempDir
    Path tmp;

    @BeforeAll
    static void onLinuxWithNativeAccess() {
        assumeTrue(LinuxFileOps.usable(), "the native layer needs Linux on x86_64 or arm64 and native access");
    }

    /** What statx says of {@code p} (links not followed): the fields FileStat keeps, and the ones it does not. */
    private record Raw(FileStat stat, int mask, int nlink, int uid, int gid, Instant changed) {
        static Raw of(Path p) {
            try (Call c = new Call()) {
                MemorySegment b = Statx.buffer(c);
                assertEquals(0, c.statx(AT_FDCWD, c.cString(p.toString()), AT_SYMLINK_NOFOLLOW, Statx.MASK, b),
                        p + ": " + strerror(c.errno()));
                return new Raw(Statx.parse(b), b.get(JAVA_INT, Statx.offset("stx_mask")),
                        b.get(JAVA_INT, Statx.offset("stx_nlink")), b.get(JAVA_INT, Statx.offset("stx_uid")),
                        b.get(JAVA_INT, Statx.offset("stx_gid")), Statx.time(b, Statx.offset("stx_ctime")));
            }
        }
    }

    @Test
    void statxReadsEveryFieldAsNioAndCoreutilsStatDo() throws Exception {
        Tree t = Tree.at(tmp.resolve("kinds")).file("regular.jpg", Tree.bytes("r", 1234), MODIFIED, ACCESSED)
                .file("empty", new byte[0], MODIFIED, ACCESSED)
                .file("ünïcödé 写真 📷.jpg", Tree.bytes("u", 77), MODIFIED, ACCESSED)
                .file("before 1970", Tree.bytes("b", 5), MODIFIED, ACCESSED)
                .file("after 2038", Tree.bytes("a", 6), Instant.parse("2040-01-02T03:04:05.000000007Z"), ACCESSED)
                .folder("folder").symlink("link", "regular.jpg").fifo("fifo");
        Path sparse = t.path("sparse.img");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength((5L << 30) + 7); // past 32 bits: the size's upper half is read too
        }
        // Negative seconds, positive nanoseconds; set by touch: the JDK's setTimes makes such a time 1970-01-01
        Tree.run("touch", "-m", "-d", "@-14182939.5", t.path("before 1970").toString());
        Files.createLink(t.path("second name"), t.path("regular.jpg")); // nlink 2
        Files.setPosixFilePermissions(t.path("regular.jpg"), PosixFilePermissions.fromString("rw-r-----"));
        Tree.run("chmod", "4755", t.path("empty").toString()); // bits past 0777
        Tree.setTimes(t.path("folder"), MODIFIED, ACCESSED);
        boolean root = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        if (root) { // owner and group apart, so swapped offsets show
            Files.setAttribute(t.path("after 2038"), "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(t.path("after 2038"), "unix:gid", 5678, LinkOption.NOFOLLOW_LINKS);
        }
        Path socket = t.path("socket");
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(socket));
            Map<EntryKind, Integer> kinds = new java.util.EnumMap<>(EntryKind.class);
            try (Stream<Path> all = Files.list(t.root())) {
                for (Path p : all.toList()) {
                    Raw raw = Raw.of(p);
                    assertSameAsNio(p, raw);
                    assertBirthAsStat(p, raw);
                    assertEquals(raw.stat(), new LinuxFileOps().stat(p), p + ": LinuxFileOps.stat is that statx");
                    kinds.merge(raw.stat().kind(), 1, Integer::sum);
                }
            }
            assertEquals(Map.of(EntryKind.FILE, 7, EntryKind.FOLDER, 1, EntryKind.SYMLINK, 1, EntryKind.FIFO, 1,
                    EntryKind.SOCKET, 1), kinds);
        }
        assertEquals((5L << 30) + 7, Raw.of(sparse).stat().size());
        assertEquals(MODIFIED, Raw.of(t.path("regular.jpg")).stat().times().modified(), "to the nanosecond");
        assertEquals(ACCESSED, Raw.of(t.path("regular.jpg")).stat().times().accessed(), "to the nanosecond");
        assertEquals(Instant.parse("1969-07-20T20:17:40.5Z"), Raw.of(t.path("before 1970")).stat().times().modified());
        assertEquals(04755, Raw.of(t.path("empty")).stat().mode());
        if (root) {
            assertEquals(1234, Raw.of(t.path("after 2038")).uid());
            assertEquals(5678, Raw.of(t.path("after 2038")).gid());
        }
    }

    private static void assertSameAsNio(Path p, Raw raw) throws Exception {
        Map<String, Object> nio = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        FileStat s = raw.stat();
        int mode = (int) nio.get("mode");
        assertEquals(EntryKind.ofMode(mode), s.kind(), p + ": kind");
        assertEquals(mode & 07777, s.mode(), p + ": mode");
        assertEquals(nio.get("size"), s.size(), p + ": size");
        assertEquals(nio.get("ino"), s.inode(), p + ": inode");
        assertEquals(nio.get("nlink"), raw.nlink(), p + ": nlink");
        assertEquals(nio.get("uid"), raw.uid(), p + ": uid");
        assertEquals(nio.get("gid"), raw.gid(), p + ": gid");
        assertEquals(((FileTime) nio.get("lastModifiedTime")).toInstant(), s.times().modified(), p + ": mtime");
        assertEquals(((FileTime) nio.get("lastAccessTime")).toInstant(), s.times().accessed(), p + ": atime");
        assertEquals(((FileTime) nio.get("ctime")).toInstant(), raw.changed(), p + ": ctime");
        // st_dev as glibc encodes it (gnu_dev_major/minor), against statx's major and minor
        long dev = (long) nio.get("dev");
        long major = ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfff);
        long minor = ((dev >>> 12) & 0xffffff00L) | (dev & 0xff);
        assertEquals(major << 32 | minor, s.device(), p + ": device");
    }

    /** coreutils' stat reads the birth time with statx of its own: %W is 0 where the file system keeps none. */
    private static void assertBirthAsStat(Path p, Raw raw) {
        String[] w = Tree.run("stat", "-c", "%.9W", p.toString()).strip().split("\\.");
        Instant byStat = Instant.ofEpochSecond(Long.parseLong(w[0]), Long.parseLong(w[1]));
        boolean has = (raw.mask() & STATX_BTIME) != 0;
        assertEquals(has ? byStat : null, raw.stat().times().created(), p + ": birth time");
        assertEquals(has, !byStat.equals(Instant.EPOCH), p + ": whether there is a birth time");
    }

    @Test
    void getdentsGivesTheNamesNioListsAcrossManyBuffers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("names"));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // every name length from 1 to 255 bytes, some multi-byte: several buffers
            int bytes = 1 + i % 255;
            String name = (i % 3 == 0 && bytes >= 3 ? "é" : "") + i + "x".repeat(255);
            name = truncate(name, bytes);
            if (!made.contains(name)) {
                made.add(name);
                Files.writeString(dir.resolve(name), name);
            }
        }
        List<String> nio;
        try (Stream<Path> s = Files.list(dir)) {
            nio = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        LinuxFileOps ops = new LinuxFileOps();
        assertEquals(nio, ops.list(dir).stream().map(DirectoryEntry::name).sorted().toList());
        for (DirectoryEntry e : ops.scan(dir, false)) {
            assertEquals(Raw.of(dir.resolve(e.name())).stat(), e.stat(), e.name() + ": examined by its listed name");
        }
    }

    private static String truncate(String s, int bytes) {
        while (s.getBytes(StandardCharsets.UTF_8).length > bytes) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Test
    void eachSystemCallNumberIsTheCallItNames() throws Exception {
        byte[] content = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(tmp.resolve("content"), content);
        Path made = tmp.resolve("made");
        try (Call c = new Call()) {
            MemorySegment buf = c.arena.allocate(64);
            int fd = c.open(c.cString(file.toString()), O_RDONLY | O_CLOEXEC, 0); // openat
            assertTrue(fd >= 0, strerror(c.errno()));
            assertEquals(4, c.pread(fd, buf, 4, 6));
            assertEquals("6789", buf.getString(0).substring(0, 4), "pread64 reads at the offset given");
            assertEquals(16, c.read(fd, buf, 64), "read starts where pread64 left the offset: at 0");
            assertArrayEquals(content, buf.asSlice(0, 16).toArray(JAVA_BYTE));
            assertEquals(Files.getAttribute(file, "unix:ino"), Statx.of(c, fd, file).inode(), "statx AT_EMPTY_PATH");
            assertEquals(Long.parseLong(Tree.run("stat", "-f", "-c", "%t", file.toString()).strip(), 16), c.fsType(fd),
                    "fstatfs's f_type, as coreutils' stat -f reads it");
            assertEquals(0, c.close(fd));
            assertEquals(-1, c.close(fd), "close: a descriptor closed once is gone");
            assertEquals(EBADF, c.errno());

            int out = c.open(c.cString(made.toString()), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            assertTrue(out >= 0, strerror(c.errno()));
            assertEquals(16, c.write(out, c.arena.allocateFrom(JAVA_BYTE, content), 16));
            assertEquals(0, c.fchmod(out, 0604));
            assertEquals(0, c.futimens(out, Copier.timespecs(c, new FileTimes(MODIFIED, ACCESSED, null))));
            assertEquals(0, c.fsync(out));
            assertEquals(0, c.syncfs(out));
            assertEquals(0, c.close(out));
            assertEquals(MODIFIED, Files.getLastModifiedTime(made).toInstant(), "futimens, to the nanosecond");
            assertEquals(ACCESSED, ((FileTime) Files.getAttribute(made, "lastAccessTime")).toInstant(), "futimens");
            assertArrayEquals(content, Files.readAllBytes(made), "write");
            assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)), "fchmod");
            Instant later = MODIFIED.plusNanos(1);
            assertEquals(0, c.utimensat(AT_FDCWD, c.cString(made.toString()),
                    Copier.timespecs(c, new FileTimes(later, later, null)), AT_SYMLINK_NOFOLLOW));
            assertEquals(later, Files.getLastModifiedTime(made).toInstant(), "utimensat");

            assertCopiedInKernel(c, file, tmp.resolve("by copy_file_range"), (in, o) -> c.copyFileRange(in, o, 64));
            assertCopiedInKernel(c, file, tmp.resolve("by sendfile"), (in, o) -> c.sendfile(o, in, 64));

            assertEquals(-1, c.renameNoReplace(AT_FDCWD, c.cString(made.toString()), AT_FDCWD,
                    c.cString(file.toString())));
            assertEquals(EEXIST, c.errno(), "renameat2 with RENAME_NOREPLACE");
            assertArrayEquals(content, Files.readAllBytes(file));
            assertEquals(0, c.renameNoReplace(AT_FDCWD, c.cString(made.toString()), AT_FDCWD,
                    c.cString(tmp.resolve("renamed").toString())));
            assertTrue(Files.exists(tmp.resolve("renamed")) && !Files.exists(made), "renameat2");

            // O_TMPFILE: a file without a name in the folder; linkat gives it one by its descriptor, never replacing.
            Path unnamedIn = Files.createDirectory(tmp.resolve("unnamed"));
            int anon = c.open(c.cString(unnamedIn.toString()), O_WRONLY | O_TMPFILE | O_CLOEXEC, 0640);
            assertTrue(anon >= 0, "O_TMPFILE: " + strerror(c.errno()));
            assertEquals(16, c.write(anon, c.arena.allocateFrom(JAVA_BYTE, content), 16));
            try (Stream<Path> names = Files.list(unnamedIn)) {
                assertEquals(List.of(), names.toList(), "O_TMPFILE gives the file no name");
            }
            assertEquals(-1, c.linkAt(anon, c.cString(""), AT_FDCWD, c.cString(file.toString()), AT_EMPTY_PATH));
            assertEquals(EEXIST, c.errno(), "linkat onto an existing name");
            assertArrayEquals(content, Files.readAllBytes(file));
            assertEquals(0, c.linkAt(anon, c.cString(""), AT_FDCWD, c.cString(unnamedIn.resolve("linked").toString()),
                    AT_EMPTY_PATH), "linkat AT_EMPTY_PATH: " + strerror(c.errno()));
            assertEquals(0, c.close(anon));
            assertArrayEquals(content, Files.readAllBytes(unnamedIn.resolve("linked")), "linkat named the open file");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    unnamedIn.resolve("linked"))), "O_TMPFILE's mode");
            anon = c.open(c.cString(unnamedIn.toString()), O_WRONLY | O_TMPFILE | O_CLOEXEC, 0600);
            assertEquals(0, c.linkAt(AT_FDCWD, c.cString("/proc/self/fd/" + anon), AT_FDCWD,
                    c.cString(unnamedIn.resolve("by proc").toString()), AT_SYMLINK_FOLLOW), "linkat through /proc: "
                    + strerror(c.errno()));
            assertEquals(0, c.close(anon));
            assertEquals(0L, Files.size(unnamedIn.resolve("by proc")),
                    "AT_SYMLINK_FOLLOW linked the file, not the link");

            assertEquals((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, Libc.isRoot(), "geteuid");
            // getdents64: getdentsGivesTheNamesNioListsAcrossManyBuffers; setpriority: BackgroundPriorityTest.

            // Every call that takes a descriptor refuses one that is not open (a number off to a call taking none
            // would not).
            MemorySegment empty = c.cString("x");
            MemorySegment times = Copier.timespecs(c, new FileTimes(MODIFIED, ACCESSED, null)); // valid: checked first
            List<ToLongFunction<Call>> withBadFd = List.of(x -> x.read(-1, buf, 1), x -> x.write(-1, buf, 1),
                    x -> x.pread(-1, buf, 1, 0), x -> x.fsync(-1), x -> x.syncfs(-1), x -> x.fchmod(-1, 0600),
                    x -> x.getdents64(-1, buf), x -> x.fgetxattr(-1, "user.x", buf), x -> x.fsetxattr(-1, "user.x",
                            buf), x -> x.futimens(-1, times), x -> x.fsType(-1), x -> x.copyFileRange(-1, -1, 1),
                    x -> x.sendfile(-1, -1, 1), x -> x.statx(-1, empty, 0, Statx.MASK, Statx.buffer(x)),
                    x -> x.openAt(-1, empty, O_RDONLY, 0), x -> x.renameNoReplace(-1, empty, -1, empty),
                    x -> x.utimensat(-1, empty, times, 0), x -> x.linkAt(-1, empty, -1, empty, 0));
            for (int i = 0; i < withBadFd.size(); i++) {
                assertEquals(-1, withBadFd.get(i).applyAsLong(c), "call " + i);
                assertEquals(EBADF, c.errno(), "call " + i + ": " + strerror(c.errno()));
            }
        }
    }

    private interface InKernel {
        long copy(int in, int out);
    }

    private static void assertCopiedInKernel(Call c, Path from, Path to, InKernel how) throws Exception {
        int in = c.open(c.cString(from.toString()), O_RDONLY | O_CLOEXEC, 0);
        int out = c.open(c.cString(to.toString()), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        try {
            assertEquals(Files.size(from), how.copy(in, out), to.getFileName() + ": " + strerror(c.errno()));
        } finally {
            c.close(in);
            c.close(out);
        }
        assertArrayEquals(Files.readAllBytes(from), Files.readAllBytes(to), to.getFileName().toString());
    }

    @Test
    void extendedAttributeCallsReadAndWriteWhatNioDoes() throws Exception {
        Path file = Files.writeString(tmp.resolve("attributes"), "x");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        try {
            view.write("by.nio", ByteBuffer.wrap("from NIO".getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            assumeTrue(false, "this volume takes no user attributes: " + e);
        }
        try (Call c = new Call()) {
            MemorySegment path = c.cString(file.toString());
            MemorySegment value = c.arena.allocate(64);
            assertEquals(8, c.getxattr(path, "user.by.nio", value), "lgetxattr");
            assertEquals("from NIO", new String(value.asSlice(0, 8).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
            assertEquals(-1, c.getxattr(path, "user.by.nio", c.arena.allocate(2)));
            assertEquals(ERANGE, c.errno(), "a value longer than the buffer");
            assertEquals(-1, c.getxattr(path, "user.absent", value));
            assertEquals(ENODATA, c.errno(), "no such attribute");
            int dir = c.open(c.cString(tmp.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            try {
                MemorySegment name = c.cString("attributes");
                long n = c.getxattrAt(dir, name, "user.by.nio", value);
                if (n != -1 || c.errno() != ENOSYS) { // Linux 6.13 and later
                    assertEquals(8, n, "getxattrat: " + strerror(c.errno()));
                    assertEquals("from NIO", new String(value.asSlice(0, 8).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
                    assertEquals(-1, c.getxattrAt(dir, name, "user.absent", value));
                    assertEquals(ENODATA, c.errno(), "no such attribute");
                    assertEquals(-1, c.getxattrAt(dir, name, "user.by.nio", c.arena.allocate(2)));
                    assertEquals(ERANGE, c.errno(), "a value longer than the buffer");
                    assertEquals(-1, c.getxattrAt(-1, name, "user.by.nio", value));
                    assertEquals(EBADF, c.errno(), "a folder that is not open");
                }
            } finally {
                c.close(dir);
            }
            assertEquals(0, c.setxattr(path, "user.by.lsetxattr", c.arena.allocateFrom(JAVA_BYTE, new byte[]{1, 2})));
            int fd = c.open(path, O_RDONLY | O_CLOEXEC, 0);
            try {
                assertEquals(8, c.fgetxattr(fd, "user.by.nio", value), "fgetxattr");
                assertEquals(0, c.fsetxattr(fd, "user.by.fsetxattr", c.arena.allocateFrom(JAVA_BYTE, new byte[]{3})));
            } finally {
                c.close(fd);
            }
        }
        assertEquals(List.of("by.fsetxattr", "by.lsetxattr", "by.nio"), view.list().stream().sorted().toList());
        ByteBuffer b = ByteBuffer.allocate(2);
        view.read("by.lsetxattr", b);
        assertArrayEquals(new byte[]{1, 2}, b.array());
    }

    @Test
    void openFlagsDoWhatTheirNamesSayOnThisArchitecture() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "content");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        Path fifo = Tree.at(tmp.resolve("f")).fifo("fifo").path("fifo");
        try (Call c = new Call()) {
            assertEquals(-1, c.open(c.cString(link.toString()), O_RDONLY | O_NOFOLLOW, 0));
            assertEquals(ELOOP, c.errno(), "O_NOFOLLOW");
            assertEquals(-1, c.open(c.cString(file.toString()), O_RDONLY | O_DIRECTORY, 0));
            assertEquals(ENOTDIR, c.errno(), "O_DIRECTORY");
            assertEquals(-1, c.open(c.cString(file.toString()), O_WRONLY | O_CREAT | O_EXCL, 0600));
            assertEquals(EEXIST, c.errno(), "O_CREAT|O_EXCL");
            assertEquals(-1, c.open(c.cString(tmp.resolve("absent").toString()), O_RDONLY, 0));
            assertEquals(ENOENT, c.errno());

            int fd = c.open(c.cString(file.toString()), O_RDONLY | O_CLOEXEC, 0);
            String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)).stream()
                    .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
            c.close(fd);
            assertTrue((Integer.parseInt(flags.substring(6).strip(), 8) & 02000000) != 0, "O_CLOEXEC: " + flags);

            // relatime moves an access time older than the modification time on the next read; O_NOATIME must not
            Tree.setTimes(file, MODIFIED, ACCESSED);
            assertEquals(ACCESSED, readAndGetAccessTime(c, file, O_NOATIME), "O_NOATIME");
            assertNotEquals(ACCESSED, readAndGetAccessTime(c, file, 0), "a plain read moves it on this volume");

            // Without O_NONBLOCK, opening a FIFO for reading waits for a writer: one comes after 5 s to end the wait.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(5000);
                    Files.newOutputStream(fifo).close();
                } catch (Exception done) {
                    // the open returned at once
                }
            });
            long start = System.nanoTime();
            int pipe = c.open(c.cString(fifo.toString()), O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
            long ms = (System.nanoTime() - start) / 1_000_000;
            writer.interrupt();
            assertTrue(pipe >= 0, strerror(c.errno()));
            c.close(pipe);
            assertTrue(ms < 4000, "O_NONBLOCK: the open waited " + ms + " ms");
        }
    }

    private static Instant readAndGetAccessTime(Call c, Path file, int flag) throws Exception {
        int fd = c.open(c.cString(file.toString()), O_RDONLY | O_CLOEXEC | flag, 0);
        assertTrue(fd >= 0, strerror(c.errno()));
        assertEquals(7, c.read(fd, c.arena.allocate(16), 16));
        c.close(fd);
        return ((FileTime) Files.getAttribute(file, "lastAccessTime", LinkOption.NOFOLLOW_LINKS)).toInstant();
    }

    @Test
    void errnoValuesAreTheOnesLibcNames() {
        Map<Integer, String> texts = Map.ofEntries(Map.entry(EPERM, "Operation not permitted"),
                Map.entry(ENOENT, "No such file or directory"), Map.entry(EINTR, "Interrupted system call"),
                Map.entry(EIO, "Input/output error"), Map.entry(ENXIO, "No such device or address"),
                Map.entry(EACCES, "Permission denied"), Map.entry(EEXIST, "File exists"),
                Map.entry(EXDEV, "Invalid cross-device link"), Map.entry(ENODEV, "No such device"),
                Map.entry(EINVAL, "Invalid argument"), Map.entry(EFBIG, "File too large"),
                Map.entry(ENOSPC, "No space left on device"), Map.entry(ERANGE, "Numerical result out of range"),
                Map.entry(ENOSYS, "Function not implemented"), Map.entry(ELOOP, "Too many levels of symbolic links"),
                Map.entry(ENODATA, "No data available"), Map.entry(EOPNOTSUPP, "Operation not supported"),
                Map.entry(ENOTCONN, "Transport endpoint is not connected"),
                Map.entry(ESHUTDOWN, "Cannot send after transport endpoint shutdown"),
                Map.entry(EDQUOT, "Disk quota exceeded"), Map.entry(EBADF, "Bad file descriptor"),
                Map.entry(ENOTDIR, "Not a directory"), Map.entry(EISDIR, "Is a directory"));
        texts.forEach((errno, text) -> assertEquals(text, strerror(errno), "errno " + errno));
    }
}
