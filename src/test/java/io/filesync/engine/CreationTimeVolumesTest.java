package io.filesync.engine;

import io.filesync.MountedVolume;
import io.filesync.Tree;
import io.filesync.files.FileTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Creation times on real volumes mounted from image files: NTFS through ntfs-3g and exFAT through exfat-fuse, with
 * the temp folder's ext4 on the other side. The NTFS creation time is read back with getfattr, not with FileSync's
 * own code. Skipped, with the reason printed, where this machine cannot mount them.
 */
class CreationTimeVolumesTest {
    private static final long TICKS_1601_TO_1970 = 116_444_736_000_000_000L;

    @TempDir
    Path tmp;

    private static void assumeCanMount(String kind) {
        String why = MountedVolume.whyNotAvailable(kind);
        if (why != null) {
            System.out.println("Skipping " + kind + " tests: " + why);
        }
        assumeTrue(why == null, why);
    }

    /** system.ntfs_crtime as getfattr shows it: 8 bytes little-endian, 100 ns ticks since 1601. */
    private static Instant ntfsCreated(Path p) throws Exception {
        String out = Tree.run("getfattr", "-h", "-n", "system.ntfs_crtime", "-e", "hex", p.toString());
        String hex = out.lines().filter(l -> l.startsWith("system.ntfs_crtime=0x")).findFirst().orElseThrow()
                .substring("system.ntfs_crtime=0x".length());
        long ticks = ByteBuffer.wrap(HexFormat.of().parseHex(hex)).order(ByteOrder.LITTLE_ENDIAN).getLong()
                - TICKS_1601_TO_1970;
        return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
    }

    private static void setNtfsCreated(Path p, Instant t) throws Exception {
        long ticks = t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + TICKS_1601_TO_1970;
        byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ticks).array();
        Tree.run("setfattr", "-h", "-n", "system.ntfs_crtime", "-v", "0x" + HexFormat.of().formatHex(le),
                p.toString());
    }

    private static Instant to100ns(Instant t) {
        return t.minusNanos(t.getNano() % 100);
    }

    private RunSummary sync(Path src, Path dst) throws Exception {
        SyncEngine e = new SyncEngine(new FilesyncHome(tmp.resolve("home")));
        Plan p = e.plan(SyncPair.of(src, dst), MatchMode.PATH, SyncListener.NONE, new RunControl());
        RunSummary s = e.sync(p, p.pending(), SyncOptions.defaults(), SyncListener.NONE, new RunControl());
        assertEquals(RunSummary.End.COMPLETED, s.end());
        assertTrue(s.failed().isEmpty(), s.failed().toString());
        return s;
    }

    private static final List<String> FILES = List.of("2004/party/a.jpg", "2004/party/b.jpg", "2005/c.jpg");

    private Tree photos(Path root) {
        return Tree.at(root)
                .file(FILES.get(0), 3000, "2004-05-06T07:08:09.123456789Z")
                .file(FILES.get(1), 5000, "2004-05-06T07:09:00.5Z")
                .file(FILES.get(2), 7000, "2005-01-01T00:00:00.000000100Z")
                .folderTimes("2004/party", "2004-05-07T00:00:00.25Z", "2004-05-08T00:00:00Z")
                .folderTimes("2004", "2004-12-31T00:00:00Z", "2005-01-01T00:00:00Z")
                .folderTimes("2005", "2005-12-31T00:00:00Z", "2006-01-01T00:00:00Z");
    }

    @Test
    void ext4ToNtfsKeepsTheBirthTimeAsTheNtfsCreationTime() throws Exception {
        assumeFalse(Boolean.getBoolean("filesync.portableFileOps"), "NTFS creation times through ntfs-3g's"
                + " system.ntfs_crtime and the copy's user.filesync.crtime are LinuxFileOps' own (PortableFileOps on"
                + " Linux keeps none)");
        assumeCanMount("ntfs");
        Tree src = photos(tmp.resolve("src"));
        try (MountedVolume ntfs = MountedVolume.ntfs(tmp, 32)) {
            Plan plan = new SyncEngine(new FilesyncHome(tmp.resolve("home"))).plan(SyncPair.of(src.root(),
                    ntfs.root()), MatchMode.PATH, SyncListener.NONE, new RunControl());
            assertEquals("This NTFS (ntfs-3g) volume keeps creation, modification and access times.",
                    plan.destinationVolume().sentence());

            RunSummary s = sync(src.root(), ntfs.root());
            assertEquals(0, s.creationNotKept(), "every creation time kept");
            assertEquals(0, s.otherTimesNotKept(), "100 ns steps are the volume's resolution, not a loss");
            // What the volume holds, not what ntfs-3g's caches say: times set after the creation attribute read back
            // right until the volume was mounted again, and were the time of the copy after that.
            ntfs.remount();
            for (String rel : List.of(FILES.get(0), FILES.get(1), FILES.get(2), "2004/party", "2004", "2005")) {
                FileTimes source = Tree.times(src.path(rel));
                assertNotNull(source.created(), "ext4 records a birth time for " + rel);
                Path copy = ntfs.root().resolve(rel);
                assertEquals(to100ns(source.created()), ntfsCreated(copy), rel + " creation time");
                assertEquals(to100ns(source.modified()), Tree.times(copy).modified(), rel + " modification time");
                assertEquals(to100ns(source.accessed()), Tree.times(copy).accessed(), rel + " access time");
            }
        }
    }

    @Test
    void ntfsToNtfsKeepsHistoricalCreationTimesOfFilesAndFolders() throws Exception {
        assumeFalse(Boolean.getBoolean("filesync.portableFileOps"), "NTFS creation times through ntfs-3g's"
                + " system.ntfs_crtime and the copy's user.filesync.crtime are LinuxFileOps' own (PortableFileOps on"
                + " Linux keeps none)");
        assumeCanMount("ntfs");
        try (MountedVolume a = MountedVolume.ntfs(tmp, 32); MountedVolume b = MountedVolume.ntfs(tmp, 32)) {
            Tree src = photos(a.root());
            Instant created = Instant.parse("1999-12-31T23:59:58.1234567Z");
            List<String> all = List.of(FILES.get(0), FILES.get(1), FILES.get(2), "2004/party", "2004", "2005");
            for (int i = 0; i < all.size(); i++) {
                setNtfsCreated(src.path(all.get(i)), created.plusSeconds(i));
            }
            // Setting an attribute on a folder does not move its times, but re-assert them to be sure.
            photos(a.root());

            RunSummary s = sync(src.root(), b.root());
            assertEquals(0, s.creationNotKept());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(created.plusSeconds(i), ntfsCreated(b.root().resolve(all.get(i))), all.get(i));
            }
            assertEquals(created, ntfsCreated(src.path(all.getFirst())), "the source's own time is unchanged");
        }
    }

    @Test
    void ntfsToExt4KeepsTheCreationTimeAsideAndABackupChainBackToNtfsEndsWithTheOriginal() throws Exception {
        assumeFalse(Boolean.getBoolean("filesync.portableFileOps"), "NTFS creation times through ntfs-3g's"
                + " system.ntfs_crtime and the copy's user.filesync.crtime are LinuxFileOps' own (PortableFileOps on"
                + " Linux keeps none)");
        assumeCanMount("ntfs");
        Path ext4 = tmp.resolve("ext4-backup");
        try (MountedVolume a = MountedVolume.ntfs(tmp, 32); MountedVolume c = MountedVolume.ntfs(tmp, 32)) {
            Tree src = photos(a.root());
            Instant created = Instant.parse("2001-09-09T01:46:40.0000001Z");
            setNtfsCreated(src.path(FILES.getFirst()), created);

            RunSummary s = sync(src.root(), Files.createDirectories(ext4));
            assertTrue(s.creationNotKept() >= 3, "ext4 cannot hold it, and the summary says so");
            assertEquals(created.toString(), Tree.userAttribute(ext4.resolve(FILES.getFirst()), "filesync.crtime"),
                    "the original kept aside on the copy");

            sync(ext4, c.root());
            assertEquals(created, ntfsCreated(c.root().resolve(FILES.getFirst())),
                    "NTFS -> ext4 -> NTFS ends with the original creation time");
        }
    }

    @Test
    void ext4ToExfatKeepsTimesToTheVolumesResolutionWithoutFalseAlarms() throws Exception {
        assumeCanMount("exfat");
        Tree src = photos(tmp.resolve("src"));
        try (MountedVolume exfat = MountedVolume.exfat(tmp, 32)) {
            RunSummary s = sync(src.root(), exfat.root());
            assertEquals(0, s.otherTimesNotKept(), "modification and access times kept to the volume's resolution");
            for (String rel : FILES) {
                Instant want = Tree.times(src.path(rel)).modified();
                Instant got = Tree.times(exfat.root().resolve(rel)).modified();
                assertTrue(Duration.between(got, want).abs().compareTo(Duration.ofSeconds(2)) < 0,
                        rel + ": " + got + " vs " + want);
                assertEquals(Tree.files(src.root()).get(rel), Files.size(exfat.root().resolve(rel)));
            }
            // A second plan finds everything present despite the coarser times.
            Plan again = new SyncEngine(new FilesyncHome(tmp.resolve("home"))).plan(SyncPair.of(src.root(),
                    exfat.root()), MatchMode.PATH, SyncListener.NONE, new RunControl());
            assertEquals(0, again.summary().pending().files());
            assertEquals(0, again.summary().differs().files());
        }
    }
}
