package io.filesync.platform;

import io.filesync.FaultFs;
import io.filesync.MountedVolume;
import io.filesync.Tree;
import io.filesync.files.CreationTimeStore;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link FileOps} promises, run against each implementation (the model: rclone's fstests, one suite that
 * every backend runs). Each promise is judged by a reader that is not the code under test: NIO's own attributes,
 * {@code stat}, {@code find}, {@code cmp}, {@code sha256sum} and {@code getfattr}/{@code setfattr}. The folders are
 * in {@code @TempDir}, on the build machine's disk (ext4 here, mounted relatime).
 */
abstract class FileOpsContract {
    /** An access time older than a day (and than the modification time): relatime moves it on the next read. */
    static final Instant OLD_ACCESS = Instant.parse("2001-02-03T04:05:06.123456789Z");
    static final Instant MODIFIED = Instant.parse("2010-06-07T08:09:10.987654321Z");

    @TempDir
    Path tmp;

    /** The implementation under test. */
    abstract FileOps ops();

    /** What {@link FileOps#flushesWholeVolume} says for the build machine's local disk. */
    abstract boolean flushesWholeVolumeOnLocalDisk();

    /** What {@link FileOps#creationTimeStore} says for the build machine's local disk (ext4 on Linux). */
    abstract CreationTimeStore creationTimeStoreOnLocalDisk();

    /** Whether {@link FileOps#hold} gives a path to a held folder here. */
    abstract boolean holdsFolders();

    /** Whether a copy asked to be {@link CopyRequest#unnamed} into a held folder on the local disk has no name. */
    abstract boolean makesUnnamedCopies();

    // ---- independent readers -------------------------------------------------------------------------------------

    static BasicFileAttributes nio(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    static Map<String, Object> unix(Path p) throws IOException {
        return Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    }

    /** GNU stat's fields for {@code p}: kind (%F), size, octal mode, inode, mtime and atime to the nanosecond. */
    record Stat(String kind, long size, int mode, long inode, Instant modified, Instant accessed) {
        static Stat of(Path p) {
            String[] f = Tree.run("stat", "-c", "%F|%s|%a|%i|%.9Y|%.9X", p.toString()).strip().split("\\|");
            return new Stat(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2], 8), Long.parseLong(f[3]),
                    instant(f[4]), instant(f[5]));
        }

        private static Instant instant(String secondsDotNanos) {
            String[] s = secondsDotNanos.split("\\.");
            return Instant.ofEpochSecond(Long.parseLong(s[0]), Long.parseLong(s[1]));
        }
    }

    static String sha256sum(Path p) {
        return Tree.run("sha256sum", p.toString()).split(" ")[0];
    }

    static void assertSameBytes(Path a, Path b) {
        Tree.run("cmp", a.toString(), b.toString()); // exits non-zero (and Tree.run throws) when they differ
    }

    static void assertNoTempFile(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("temp")).toList(),
                    "no temp file is left behind");
        }
    }

    /** Names in {@code dir} as find(1) prints them, NUL-separated so a newline in a name is a name. */
    static List<String> namesByFind(Path dir) {
        String out = Tree.run("find", dir.toString(), "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0");
        return List.of(out.split("\0")).stream().filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** A folder with every kind of name and entry a source holds, its own access time set old. */
    Path aFolderOfEveryKind() throws IOException {
        Tree t = Tree.at(tmp.resolve("every kind"))
                .file("plain.txt", 10, "2001-01-01T00:00:00.100000001Z")
                .file("naïve café ✓.jpg", 20, "2002-02-02T00:00:00.200000002Z")
                .file("with  two spaces ", 30, "2003-03-03T00:00:00.300000003Z")
                .file("new\nline", 40, "2004-04-04T00:00:00.400000004Z")
                .file("日本語の名前.txt", 0, "2005-05-05T00:00:00.500000005Z")
                .folder("sub folder")
                .symlink("link to nowhere", "missing target")
                .symlink("link to plain", "plain.txt")
                .fifo("pipe");
        Files.writeString(t.path("sub folder/inside.txt"), "x");
        Tree.setTimes(t.path("sub folder"), MODIFIED, OLD_ACCESS);
        Tree.setTimes(t.root(), MODIFIED, OLD_ACCESS);
        return t.root();
    }

    static EntryKind kindByStat(String statKind) {
        return switch (statKind) {
            case "regular file", "regular empty file" -> EntryKind.FILE;
            case "directory" -> EntryKind.FOLDER;
            case "symbolic link" -> EntryKind.SYMLINK;
            case "fifo" -> EntryKind.FIFO;
            case "socket" -> EntryKind.SOCKET;
            case "character special file", "block special file" -> EntryKind.DEVICE;
            default -> EntryKind.OTHER;
        };
    }

    /** Asserts that {@code s} is what NIO and stat(1) say of {@code p}, to the nanosecond. */
    static void assertStatIsTrue(FileStat s, Path p) throws IOException {
        Stat byStat = Stat.of(p);
        BasicFileAttributes a = nio(p);
        assertEquals(kindByStat(byStat.kind()), s.kind(), p + ": kind");
        assertEquals(byStat.size(), s.size(), p + ": size");
        assertEquals(a.size(), s.size(), p + ": size by NIO");
        assertEquals(byStat.modified(), s.times().modified(), p + ": modification time");
        assertEquals(a.lastModifiedTime().toInstant(), s.times().modified(), p + ": modification time by NIO");
        assertEquals(byStat.accessed(), s.times().accessed(), p + ": access time");
        assertEquals(a.lastAccessTime().toInstant(), s.times().accessed(), p + ": access time by NIO");
        assertEquals(byStat.mode(), s.mode(), p + ": mode");
        assertEquals(byStat.inode(), s.inode(), p + ": inode");
    }

    // ---- list and scan -------------------------------------------------------------------------------------------

    @Test
    void listGivesEveryNameAsFindSeesIt() throws Exception {
        Path dir = aFolderOfEveryKind();
        List<DirectoryEntry> listed = ops().list(dir);
        assertEquals(namesByFind(dir), listed.stream().map(DirectoryEntry::name).sorted().toList());
        assertTrue(listed.stream().allMatch(DirectoryEntry::validText), listed.toString());
    }

    @Test
    void aNameWhoseBytesAreNotUtf8IsListedAsNotValidTextAndNotExamined() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bytes"));
        Tree.run("python3", "-c", "import os; open(os.path.join(os.fsencode('" + dir + "'), b'caf\\xe9.jpg'), 'w')");
        Files.writeString(dir.resolve("ok.jpg"), "x");
        Map<String, Boolean> listed = new TreeMap<>();
        ops().list(dir).forEach(e -> listed.put(e.validText() ? e.name() : "invalid", e.validText()));
        assertEquals(Map.of("invalid", false, "ok.jpg", true), listed);
        for (DirectoryEntry e : ops().scan(dir, false)) {
            assertEquals(e.validText(), e.stat() != null, e.name());
        }
    }

    @Test
    void aNameThatReallyHoldsTheReplacementCharacterIsValidText() throws Exception {
        Path dir = Tree.at(tmp.resolve("fffd")).file("broken \uFFFD sign.jpg", "x", "2001-01-01T00:00:00Z").root();
        List<DirectoryEntry> scanned = ops().scan(dir, false);
        assertEquals(1, scanned.size());
        assertTrue(scanned.getFirst().validText(), "its bytes are valid UTF-8 (EF BF BD)");
        assertNotNull(scanned.getFirst().stat());
        assertStatIsTrue(scanned.getFirst().stat(), dir.resolve("broken \uFFFD sign.jpg"));
    }

    @Test
    void listDoesNotMoveTheFolderAccessTime() throws Exception {
        Path dir = aFolderOfEveryKind();
        ops().list(dir);
        assertEquals(OLD_ACCESS, nio(dir).lastAccessTime().toInstant());
        assertEquals(MODIFIED, nio(dir).lastModifiedTime().toInstant(), "its modification time is kept too");
    }

    @Test
    void scanGivesEachEntrysKindSizeTimesModeAndInodeAsStatDoes() throws Exception {
        Path dir = aFolderOfEveryKind();
        List<DirectoryEntry> scanned = ops().scan(dir, false);
        for (DirectoryEntry e : scanned) {
            assertNotNull(e.stat(), e.name() + ": " + e.problem());
            assertStatIsTrue(e.stat(), dir.resolve(e.name()));
        }
        Map<String, EntryKind> kinds = new TreeMap<>();
        scanned.forEach(e -> kinds.put(e.name(), e.stat().kind()));
        assertEquals(EntryKind.SYMLINK, kinds.get("link to plain"), "a link is not followed");
        assertEquals(EntryKind.FIFO, kinds.get("pipe"));
        assertEquals(EntryKind.FOLDER, kinds.get("sub folder"));
        assertEquals(OLD_ACCESS, nio(dir).lastAccessTime().toInstant(), "scanning left the folder's access time");
        assertEquals(OLD_ACCESS, nio(dir.resolve("sub folder")).lastAccessTime().toInstant(),
                "scanning did not list the subfolder");
        // find lists the folder, which moves its access time: last.
        assertEquals(namesByFind(dir), scanned.stream().map(DirectoryEntry::name).sorted().toList());
    }

    @Test
    void listAndScanRefuseALinkWhereTheFolderShouldBe() throws Exception {
        Path real = aFolderOfEveryKind();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThrows(java.nio.file.FileSystemException.class, () -> ops().list(link));
        assertThrows(java.nio.file.FileSystemException.class, () -> ops().scan(link, false));
        assertEquals(OLD_ACCESS, nio(real).lastAccessTime().toInstant(), "the folder was not listed");
    }

    @Test
    void scanWithCreationTimesGivesTheSameSizesAndTimes() throws Exception {
        Path dir = aFolderOfEveryKind();
        for (DirectoryEntry e : ops().scan(dir, true)) {
            assertNotNull(e.stat(), e.name() + ": " + e.problem());
            assertStatIsTrue(e.stat(), dir.resolve(e.name()));
        }
    }

    // ---- stat ----------------------------------------------------------------------------------------------------

    @Test
    void statOfAFileIsWhatStatAndNioSay() throws Exception {
        Path f = Tree.at(tmp).file("a.bin", 12345, "2011-11-11T11:11:11.111111111Z").path("a.bin");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        FileStat s = ops().stat(f);
        assertStatIsTrue(s, f);
        assertEquals(0640, s.mode());
        assertEquals(Instant.parse("2011-11-11T11:11:11.111111111Z"), s.times().modified());
        assertEquals(((Number) unix(f).get("ino")).longValue(), s.inode());
    }

    @Test
    void statKeepsSetuidSetgidAndStickyBits() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("shared"));
        Tree.run("chmod", "3775", d.toString()); // setgid and sticky, as a shared folder has them
        assertEquals(03775, Stat.of(d).mode());
        assertEquals(03775, ops().stat(d).mode());
    }

    @Test
    void statOfAFolderALinkAndAFifo() throws Exception {
        Path dir = aFolderOfEveryKind();
        for (String name : List.of("sub folder", "link to plain", "link to nowhere", "pipe")) {
            assertStatIsTrue(ops().stat(dir.resolve(name)), dir.resolve(name));
        }
        assertEquals(EntryKind.SYMLINK, ops().stat(dir.resolve("link to plain")).kind(), "not followed");
        assertEquals("plain.txt".length(), ops().stat(dir.resolve("link to plain")).size(),
                "a link's size is its target's length");
    }

    @Test
    void statOfSomethingAbsentThrowsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> ops().stat(tmp.resolve("absent")));
        assertThrows(NoSuchFileException.class, () -> ops().stat(tmp.resolve("absent/below")));
    }

    @Test
    void twoNamesOfOneFileHaveTheSameIdentityAndOtherFilesDoNot() throws Exception {
        Path a = Tree.at(tmp).file("a", "a", "2001-01-01T00:00:00Z").path("a");
        Path b = Tree.at(tmp).file("b", "b", "2001-01-01T00:00:00Z").path("b");
        Path alias = Files.createLink(tmp.resolve("alias"), a);
        FileStat sa = ops().stat(a), sb = ops().stat(b), salias = ops().stat(alias);
        assertEquals(sa.device(), salias.device());
        assertEquals(sa.inode(), salias.inode());
        assertEquals(sa.device(), sb.device(), "one volume");
        assertFalse(sa.inode() == sb.inode(), "two files");
    }

    // ---- copy ----------------------------------------------------------------------------------------------------

    /** A 3 MB source with an old access time, mode 0640. */
    Path aSource() throws IOException {
        Path src = Tree.at(tmp.resolve("src")).file("photo.jpg", Tree.bytes("photo", 3 << 20), MODIFIED, OLD_ACCESS)
                .path("photo.jpg");
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r-----"));
        Tree.setTimes(src, MODIFIED, OLD_ACCESS); // chmod leaves times, but be sure
        return src;
    }

    Path destination() throws IOException {
        return Files.createDirectories(tmp.resolve("dst"));
    }

    static final FileTimes GIVEN = new FileTimes(Instant.parse("2012-01-02T03:04:05.123456789Z"),
            Instant.parse("2013-01-02T03:04:05.987654321Z"), null);

    CopyResult copy(Path src, Path temp, boolean verify, boolean fsync) throws IOException {
        return ops().copy(new CopyRequest(src, ops().stat(src), temp, verify, fsync, GIVEN, CreationTimeStore.NONE),
                bytes -> { });
    }

    /** Times first: cmp reads both files, which moves their access times (relatime, times older than a day). */
    void assertFaithfulCopy(Path src, Path temp, CopyResult r) throws IOException {
        BasicFileAttributes a = nio(temp);
        assertEquals(GIVEN.modified(), a.lastModifiedTime().toInstant(), "the copy has the modification time given");
        assertEquals(GIVEN.accessed(), a.lastAccessTime().toInstant(), "the copy has the access time given");
        assertEquals(0640, Stat.of(temp).mode(), "the copy has the source's permissions");
        assertStatIsTrue(r.copy(), temp);
        assertFalse(r.sourceAccessTouched(), "root may keep any file's access time");
        assertEquals(OLD_ACCESS, nio(src).lastAccessTime().toInstant(), "the source's access time is as it was");
        assertEquals(MODIFIED, nio(src).lastModifiedTime().toInstant());
        assertEquals(Files.size(src), r.bytes());
        assertSameBytes(src, temp);
    }

    @Test
    void copyIsByteIdenticalWithTheTimesGivenAndTheSourcesModeAndAccessTime() throws Exception {
        Path src = aSource();
        Path temp = destination().resolve("temp-1");
        assertFaithfulCopy(src, temp, copy(src, temp, false, false));
    }

    @Test
    void copyWithVerifyAndFsyncIsJustAsFaithful() throws Exception {
        Path src = aSource();
        Path temp = destination().resolve("temp-1");
        assertFaithfulCopy(src, temp, copy(src, temp, true, false));
        Tree.setTimes(src, MODIFIED, OLD_ACCESS); // cmp moved it
        Path temp2 = destination().resolve("temp-2");
        assertFaithfulCopy(src, temp2, copy(src, temp2, false, true));
        Tree.setTimes(src, MODIFIED, OLD_ACCESS);
        Path temp3 = destination().resolve("temp-3");
        assertFaithfulCopy(src, temp3, copy(src, temp3, true, true));
    }

    @Test
    void copyOfAReadOnlySourceIsReadOnlyToo() throws Exception {
        Path src = aSource();
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("r--r--r--"));
        Path temp = destination().resolve("temp-1");
        copy(src, temp, true, true);
        assertEquals(0444, Stat.of(temp).mode());
        assertEquals(GIVEN.modified(), nio(temp).lastModifiedTime().toInstant());
    }

    @Test
    void copyOfAnEmptyFile() throws Exception {
        Path src = Tree.at(tmp.resolve("src")).file("empty", new byte[0], MODIFIED, OLD_ACCESS).path("empty");
        Path temp = destination().resolve("temp-1");
        CopyResult r = copy(src, temp, true, true);
        assertEquals(0, r.bytes());
        assertEquals(0, Files.size(temp));
        assertEquals(GIVEN.modified(), nio(temp).lastModifiedTime().toInstant());
    }

    @Test
    void copyReportsProgressAddingUpToTheSize() throws Exception {
        Path src = aSource();
        long[] total = {0};
        ops().copy(new CopyRequest(src, ops().stat(src), destination().resolve("temp-1"), false, false, GIVEN,
                CreationTimeStore.NONE), n -> total[0] += n);
        assertEquals(Files.size(src), total[0]);
    }

    @Test
    void copyOfASourceThatChangedSizeOrTimeSinceTheScanFailsAndLeavesNoTemp() throws Exception {
        Path src = aSource();
        FileStat scanned = ops().stat(src);
        Files.write(src, "longer now".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        Tree.setTimes(src, MODIFIED, OLD_ACCESS); // the same modification time, another size
        Path temp = destination().resolve("temp-1");
        assertThrows(SourceChangedException.class, () -> ops().copy(
                new CopyRequest(src, scanned, temp, false, false, GIVEN, CreationTimeStore.NONE), n -> { }));
        assertFalse(Files.exists(temp, LinkOption.NOFOLLOW_LINKS));

        FileStat sameSize = ops().stat(src);
        Tree.setTimes(src, MODIFIED.plusNanos(1), OLD_ACCESS); // the same size, a modification time 1 ns later
        assertThrows(SourceChangedException.class, () -> ops().copy(
                new CopyRequest(src, sameSize, temp, true, true, GIVEN, CreationTimeStore.NONE), n -> { }));
        assertFalse(Files.exists(temp, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void copyOfASourceThatVanishedSaysItChanged() throws Exception {
        Path src = aSource();
        FileStat scanned = ops().stat(src);
        Files.delete(src);
        Path temp = destination().resolve("temp-1");
        assertThrows(SourceChangedException.class, () -> ops().copy(
                new CopyRequest(src, scanned, temp, false, false, GIVEN, CreationTimeStore.NONE), n -> { }));
        assertNoTempFile(destination());
    }

    @Test
    void copyOfASourceReplacedByALinkSaysItChanged() throws Exception {
        Path src = aSource();
        FileStat scanned = ops().stat(src);
        Path elsewhere = Files.move(src, tmp.resolve("elsewhere"));
        Files.createSymbolicLink(src, elsewhere);
        Path temp = destination().resolve("temp-1");
        assertThrows(SourceChangedException.class, () -> ops().copy(
                new CopyRequest(src, scanned, temp, false, false, GIVEN, CreationTimeStore.NONE), n -> { }));
        assertNoTempFile(destination());
    }

    @Test
    void copyThatIsCancelledLeavesNoTemp() throws Exception {
        Path src = Tree.at(tmp.resolve("src")).file("big", Tree.bytes("big", 80 << 20), MODIFIED, OLD_ACCESS)
                .path("big");
        Path temp = destination().resolve("temp-1");
        for (boolean verify : new boolean[]{false, true}) {
            assertThrows(InterruptedIOException.class, () -> ops().copy(
                    new CopyRequest(src, ops().stat(src), temp, verify, false, GIVEN, CreationTimeStore.NONE), n -> {
                        throw new InterruptedIOException("cancelled");
                    }));
            assertNoTempFile(destination());
            assertEquals(OLD_ACCESS, nio(src).lastAccessTime().toInstant(), "the source's access time is as it was");
        }
    }

    @Test
    void aCopyMadeWithFsyncHasItsBytesAndTimesOnTheDeviceBeforeItIsNamed() throws Exception {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        Path src = aSource();
        try (FaultFs fs = FaultFs.mount(tmp.resolve("fault"))) {
            Path temp = fs.root().resolve("temp-1");
            copy(src, temp, false, true);
            fs.cut(); // a power cut: the device keeps only what was flushed
            Path kept = fs.backing().resolve("temp-1");
            assertEquals(GIVEN.modified(), nio(kept).lastModifiedTime().toInstant(), "its modification time");
            assertEquals(GIVEN.accessed(), nio(kept).lastAccessTime().toInstant(), "its access time");
            assertEquals(0640, Stat.of(kept).mode(), "its permissions");
            assertSameBytes(src, kept);
        }
    }

    @Test
    void copyOntoATempThatExistsFailsAndLeavesThatFileAlone() throws Exception {
        Path src = aSource();
        Path temp = Files.writeString(destination().resolve("temp-1"), "someone else's");
        assertThrows(FileAlreadyExistsException.class, () -> copy(src, temp, false, false));
        assertEquals("someone else's", Files.readString(temp));
    }

    @Test
    void copyOntoAFullVolumeSaysTheDestinationIsFullAndLeavesNoTemp() throws Exception {
        String why = MountedVolume.whyNotAvailable("tmpfs");
        assumeTrue(why == null, why);
        Path src = aSource();
        try (MountedVolume small = MountedVolume.tmpfs(tmp.resolve("vol"), 1)) {
            for (boolean verify : new boolean[]{false, true}) {
                Path temp = small.root().resolve("temp-1");
                assertThrows(DestinationFullException.class, () -> copy(src, temp, verify, false));
                assertNoTempFile(small.root());
            }
        }
    }

    @Test
    void aSourceReadErrorIsSaidApartFromADestinationWriteError() throws Exception {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        try (FaultFs fs = FaultFs.mount(tmp.resolve("fault"))) {
            // Written to the backing folder, so no page of it is cached under the mount: every read reaches the
            // daemon. (A read rule with afterBytes would not do: FUSE takes a short read for the end of the file.)
            Tree.at(fs.backing()).file("src.jpg", Tree.bytes("s", 1 << 20), MODIFIED, OLD_ACCESS);
            Path faultySource = fs.root().resolve("src.jpg");
            Path dst = destination();
            for (boolean verify : new boolean[]{false, true}) {
                fs.fail("read", "src.jpg", "EIO");
                assertThrows(SourceReadException.class, () -> copy(faultySource, dst.resolve("temp-1"), verify, false));
                assertNoTempFile(dst);
                fs.clearFaults();
            }
            Path src = aSource();
            Path faultyDst = Files.createDirectories(fs.root().resolve("dst"));
            for (boolean verify : new boolean[]{false, true}) {
                fs.fail("write", "dst/temp-1", "EIO");
                assertThrows(DestinationWriteException.class, () -> copy(src, faultyDst.resolve("temp-1"), verify,
                        true));
                fs.clearFaults();
                assertNoTempFile(faultyDst);
                fs.fail("fsync", "dst/temp-1", "EIO");
                assertThrows(DestinationWriteException.class, () -> copy(src, faultyDst.resolve("temp-1"), verify,
                        true));
                fs.clearFaults();
                assertNoTempFile(faultyDst);
            }
        }
    }

    // ---- publish -------------------------------------------------------------------------------------------------

    @Test
    void publishGivesTheTempItsName() throws Exception {
        Path dst = destination();
        Path temp = Files.writeString(dst.resolve("temp-1"), "copy");
        long inode = Stat.of(temp).inode();
        assertTrue(ops().publish(temp, dst.resolve("photo.jpg")));
        assertFalse(Files.exists(temp, LinkOption.NOFOLLOW_LINKS));
        assertEquals("copy", Files.readString(dst.resolve("photo.jpg")));
        assertEquals(inode, Stat.of(dst.resolve("photo.jpg")).inode(), "the same file, renamed");
    }

    @Test
    void publishOntoAnExistingNameReturnsFalseAndTouchesNeither() throws Exception {
        Path dst = destination();
        Path temp = Files.writeString(dst.resolve("temp-1"), "copy");
        Path target = Files.writeString(dst.resolve("photo.jpg"), "already there");
        Tree.setTimes(target, MODIFIED, OLD_ACCESS);
        Stat tempBefore = Stat.of(temp), targetBefore = Stat.of(target);
        assertFalse(ops().publish(temp, target));
        assertEquals(tempBefore, Stat.of(temp));
        assertEquals(targetBefore, Stat.of(target));
        assertEquals("copy", Files.readString(temp));
        assertEquals("already there", Files.readString(target));
        assertEquals(1L, ((Number) unix(target).get("nlink")).longValue(), "no extra link was left");
    }

    @Test
    void publishOntoALinkReturnsFalseAndKeepsTheLink() throws Exception {
        Path dst = destination();
        Path temp = Files.writeString(dst.resolve("temp-1"), "copy");
        Path link = Files.createSymbolicLink(dst.resolve("photo.jpg"), Path.of("nowhere"));
        assertFalse(ops().publish(temp, link));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("copy", Files.readString(temp));
    }

    // ---- unnamed copies ------------------------------------------------------------------------------------------

    CopyResult copyUnnamed(Path src, Path temp, CopyProgress progress) throws IOException {
        return ops().copy(new CopyRequest(src, ops().stat(src), temp, false, false, GIVEN, CreationTimeStore.NONE,
                true), progress);
    }

    /** The folder {@code dst} as held (where this implementation holds folders), for copies into it. */
    Path held(Path dst) throws IOException {
        return ops().hold(dst).orElse(dst);
    }

    /** Descriptors this process has open on files in {@code dir} that have no name there, as /proc shows them. */
    static List<String> openUnnamedFilesIn(Path dir) throws IOException {
        List<String> open = new java.util.ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(dir + "/") && target.endsWith(" (deleted)")) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException gone) {
                    // closed while listing (the listing's own descriptor)
                }
            }
        }
        return open;
    }

    @Test
    void anUnnamedCopyHasNoNameUntilPublishedAndIsThenJustAsFaithful() throws Exception {
        Path src = aSource();
        Path dst = destination();
        Path in = held(dst);
        CopyResult r = copyUnnamed(src, in.resolve("temp-1"), n -> { });
        if (makesUnnamedCopies()) {
            assertEquals(List.of(), namesByFind(dst), "the copy has no name in its folder before it is published");
            assertEquals(1, openUnnamedFilesIn(dst).size(), "the copy is held open");
        } else {
            assertEquals(List.of("temp-1"), namesByFind(dst), "the copy has its temporary name");
        }
        assertTrue(ops().publish(in.resolve("temp-1"), in.resolve("photo.jpg")));
        assertEquals(List.of("photo.jpg"), namesByFind(dst), "published under its name, and nothing else");
        assertEquals(List.of(), openUnnamedFilesIn(dst), "nothing is held open once it has its name");
        assertFaithfulCopy(src, dst.resolve("photo.jpg"), r);
        assertEquals(1L, ((Number) unix(dst.resolve("photo.jpg")).get("nlink")).longValue(), "one name, one link");
    }

    @Test
    void anUnnamedCopyIsNeverPublishedOntoAnExistingNameAndDiscardingItLeavesNothing() throws Exception {
        Path src = aSource();
        Path dst = destination();
        Path target = Files.writeString(dst.resolve("photo.jpg"), "already there");
        Tree.setTimes(target, MODIFIED, OLD_ACCESS);
        Stat before = Stat.of(target);
        Path in = held(dst);
        copyUnnamed(src, in.resolve("temp-1"), n -> { });
        assertFalse(ops().publish(in.resolve("temp-1"), in.resolve("photo.jpg")));
        assertEquals(before, Stat.of(target));
        assertEquals("already there", Files.readString(target));
        assertEquals(1L, ((Number) unix(target).get("nlink")).longValue(), "no extra link was left");
        ops().discard(in.resolve("temp-1"));
        assertEquals(List.of("photo.jpg"), namesByFind(dst), "the discarded copy left nothing behind");
        assertEquals(List.of(), openUnnamedFilesIn(dst), "the discarded copy is no longer held open");
        ops().discard(in.resolve("temp-1")); // a second time: nothing there, not an error
    }

    @Test
    void anUnnamedCopyThatFailsLeavesNothingBehindAndNothingOpen() throws Exception {
        Path src = aSource();
        Path dst = destination();
        Path in = held(dst);
        assertThrows(InterruptedIOException.class, () -> copyUnnamed(src, in.resolve("temp-1"), n -> {
            throw new InterruptedIOException("cancelled");
        }));
        assertEquals(List.of(), namesByFind(dst));
        assertEquals(List.of(), openUnnamedFilesIn(dst));
    }

    @Test
    void anUnnamedCopyWhereTheVolumeOffersNoneGetsItsTemporaryNameAndIsPublishedAsBefore() throws Exception {
        String why = FaultFs.whyNotAvailable();
        assumeTrue(why == null, why);
        Path src = aSource();
        try (FaultFs fs = FaultFs.mount(tmp.resolve("fault"))) { // a FUSE daemon that implements no O_TMPFILE
            Path in = held(fs.root());
            try {
                copyTwiceAndPublish(src, fs.root(), in);
            } finally {
                ops().release(in); // a held folder would keep the volume busy
            }
        }
    }

    /** Two unnamed copies into {@code root} (held as {@code in}) that get temporary names, each then published. */
    private void copyTwiceAndPublish(Path src, Path root, Path in) throws IOException {
        for (String name : List.of("photo.jpg", "second.jpg")) { // the second after the volume said no
            CopyResult r = copyUnnamed(src, in.resolve("temp-" + name), n -> { });
            assertEquals(List.of("temp-" + name), namesByFind(root).stream().filter(n -> n.startsWith("temp"))
                    .toList(), "the copy has its temporary name");
            assertTrue(ops().publish(in.resolve("temp-" + name), in.resolve(name)));
            // (Times go through this mount in whole seconds: what was read back is what it holds.)
            assertStatIsTrue(r.copy(), root.resolve(name));
            assertSameBytes(src, root.resolve(name));
        }
        assertEquals(List.of("photo.jpg", "second.jpg"), namesByFind(root));
    }

    // ---- setTimes, digest, flushes, creation-time store ----------------------------------------------------------

    @Test
    void setTimesGivesAFileAndAFolderTheirTimesToTheNanosecond() throws Exception {
        Path f = Tree.at(tmp).file("f", "x", "2001-01-01T00:00:00Z").path("f");
        Path d = Files.createDirectory(tmp.resolve("d"));
        for (Path p : List.of(f, d)) {
            ops().setTimes(p, GIVEN, CreationTimeStore.NONE);
            assertEquals(GIVEN.modified(), nio(p).lastModifiedTime().toInstant(), p.toString());
            assertEquals(GIVEN.accessed(), nio(p).lastAccessTime().toInstant(), p.toString());
            Stat s = Stat.of(p);
            assertEquals(GIVEN.modified(), s.modified());
            assertEquals(GIVEN.accessed(), s.accessed());
            ops().setTimes(p, new FileTimes(MODIFIED, OLD_ACCESS, null));
            assertEquals(MODIFIED, Stat.of(p).modified());
            assertEquals(OLD_ACCESS, Stat.of(p).accessed());
        }
    }

    @Test
    void setTimesOnALinkSetsTheLinksOwnTimesNotItsTargets() throws Exception {
        Path f = Tree.at(tmp).file("f", "x", "2001-01-01T00:00:00Z").path("f");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), f.getFileName());
        Stat target = Stat.of(f);
        ops().setTimes(link, GIVEN, CreationTimeStore.NONE);
        assertEquals(GIVEN.modified(), Stat.of(link).modified());
        assertEquals(target, Stat.of(f));
    }

    @Test
    void digestIsSha256sumsAndLeavesTheAccessTime() throws Exception {
        Path src = aSource();
        String digest = HexFormat.of().formatHex(ops().digest(src));
        assertEquals(OLD_ACCESS, nio(src).lastAccessTime().toInstant());
        assertEquals(MODIFIED, nio(src).lastModifiedTime().toInstant());
        assertEquals(sha256sum(src), digest); // sha256sum moves the access time: last
        Path empty = Tree.at(tmp).file("empty", new byte[0], MODIFIED, OLD_ACCESS).path("empty");
        assertEquals(sha256sum(empty), HexFormat.of().formatHex(ops().digest(empty)));
    }

    @Test
    void flushesWorkOnARealFolder() throws Exception {
        Path dst = destination();
        Files.writeString(dst.resolve("a"), "a");
        ops().flushFolder(dst);
        ops().flushVolume(dst);
        assertEquals(flushesWholeVolumeOnLocalDisk(), ops().flushesWholeVolume(dst));
    }

    @Test
    void creationTimeStoreOfTheLocalDiskWritesNothing() throws Exception {
        Path dst = destination();
        Tree.setTimes(dst, MODIFIED, OLD_ACCESS);
        Stat before = Stat.of(dst);
        CreationTimeStore store = ops().creationTimeStore(dst);
        assertEquals(creationTimeStoreOnLocalDisk(), store);
        assertEquals(before, Stat.of(dst));
        assertEquals("", Tree.run("getfattr", "-d", "-m", "-", "--absolute-names", dst.toString()).strip(),
                "no attribute was written");
        if (store.attribute() != null && store.attribute().startsWith("user.")) {
            // The volume does take such an attribute, as setfattr shows.
            Tree.run("setfattr", "-n", store.attribute(), "-v", "x", dst.toString());
        }
    }

    // ---- hold and release ----------------------------------------------------------------------------------------

    @Test
    void aHeldFolderIsReachedThroughItsPathEvenAfterARename() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("held"));
        Files.writeString(folder.resolve("inside"), "x");
        Optional<Path> held = ops().hold(folder);
        assertEquals(holdsFolders(), held.isPresent());
        if (held.isEmpty()) {
            return;
        }
        try {
            assertTrue(Files.isSameFile(folder, held.get()));
            Path moved = Files.move(folder, tmp.resolve("moved"));
            Files.createDirectory(folder); // a new folder by the old name
            assertEquals("x", Files.readString(held.get().resolve("inside")));
            assertTrue(Files.isSameFile(moved, held.get()));
        } finally {
            ops().release(held.get());
        }
    }

    @Test
    void holdRefusesALinkWhereTheFolderShouldBe() throws Exception {
        assumeTrue(holdsFolders(), "this implementation holds no folders");
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertThrows(IOException.class, () -> ops().hold(link));
    }
}
