package io.filesync;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault simulator itself, checked with readers that do not go through it (NIO on the backing folder, coreutils
 * stat): what survives a power cut, lying flushes, injected errors, a vanished device, syncfs. Needs root and
 * python3-fuse (skipped, with why).
 */
@Tag("fault")
class FaultFsTest {
    private static final Instant MODIFIED = Instant.parse("2001-02-03T04:05:06.123456789Z");
    private static final Instant ACCESSED = Instant.parse("2001-02-03T05:05:06.987654321Z");

    @TempDir
    Path tmp;

    @BeforeEach
    void available() {
        String why = FaultFs.whyNotAvailable();
        if (why != null) {
            System.out.println("Skipping FaultFsTest: " + why);
        }
        assumeTrue(why == null, why);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes, optionally sets times and fsyncs, closes. */
    private static void write(Path p, byte[] content, boolean setTimes, boolean fsync) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (setTimes) {
                Files.getFileAttributeView(p, BasicFileAttributeView.class)
                        .setTimes(FileTime.from(MODIFIED), FileTime.from(ACCESSED), null);
            }
            if (fsync) {
                ch.force(true);
            }
        }
    }

    /** Size and mtime with nanoseconds as coreutils stat sees them: "100000 981173106.123456789". */
    private static String statOf(Path p) {
        return Tree.run("stat", "-c", "%s %.9Y", p.toString()).strip();
    }

    @Test
    void aFileWrittenAndRenamedWithoutFsyncHasItsFinalNameAndNoBytesAfterACut() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            assertEquals("fuse.faultfs", MountedVolume.mountType(fs.root()));
            byte[] content = bytes(100_000, 1);
            write(fs.root().resolve("a.tmp"), content, true, false);
            Files.move(fs.root().resolve("a.tmp"), fs.root().resolve("a.jpg"));
            assertArrayEquals(content, Files.readAllBytes(fs.root().resolve("a.jpg")), "powered, it reads normally");
            assertEquals(100_000, Files.size(fs.root().resolve("a.jpg")));
            assertEquals(0, Files.size(fs.backing().resolve("a.jpg")), "the data is not on the device yet");
            fs.cut();
            assertNull(MountedVolume.mountType(fs.root()), "cut() leaves nothing mounted");
            assertFalse(Files.exists(fs.backing().resolve("a.tmp")));
            assertEquals("0 981173106.123456789", statOf(fs.backing().resolve("a.jpg")),
                    "the name and the times (metadata) survive, the bytes do not");
        }
    }

    @Test
    void aFileFsyncedBeforeItsRenameKeepsAllItsBytesAndTheTimesSetAfterTheWrite() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            byte[] content = bytes(300_000, 2);
            write(fs.root().resolve("b.tmp"), content, true, true);
            Files.move(fs.root().resolve("b.tmp"), fs.root().resolve("b.jpg"));
            fs.cut();
            // Times first: reading the backing file moves its access time (relatime).
            assertEquals("300000 981173106.123456789", statOf(fs.backing().resolve("b.jpg")));
            assertEquals(FileTime.from(ACCESSED), Files.getAttribute(fs.backing().resolve("b.jpg"), "lastAccessTime"));
            assertArrayEquals(content, Files.readAllBytes(fs.backing().resolve("b.jpg")));
        }
    }

    @Test
    void aRenamedFileKeepsItsUnflushedDataAndAnFsyncUnderTheNewNamePersistsIt() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            byte[] content = bytes(50_000, 3);
            Path tmpName = fs.root().resolve("c.tmp");
            try (FileChannel ch = FileChannel.open(tmpName, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(content));
                Files.move(tmpName, fs.root().resolve("c.jpg"));
                ch.force(true);
            }
            Files.createLink(fs.root().resolve("d.jpg"), fs.root().resolve("c.jpg"));
            assertThrows(FileAlreadyExistsException.class,
                    () -> Files.createLink(fs.root().resolve("d.jpg"), fs.root().resolve("c.jpg")));
            fs.cut();
            assertArrayEquals(content, Files.readAllBytes(fs.backing().resolve("c.jpg")));
            assertArrayEquals(content, Files.readAllBytes(fs.backing().resolve("d.jpg")));
        }
    }

    @Test
    void aLyingDeviceLosesTheDataEvenAfterFsync() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            fs.lying(true);
            write(fs.root().resolve("e.jpg"), bytes(10_000, 4), false, true);
            assertEquals(10_000, Files.size(fs.root().resolve("e.jpg")));
            fs.cut();
            assertEquals(0, Files.size(fs.backing().resolve("e.jpg")));
        }
    }

    @Test
    void aCleanUnmountWritesEverything() throws Exception {
        FaultFs fs = FaultFs.mount(tmp);
        byte[] content = bytes(20_000, 5);
        write(fs.root().resolve("f.jpg"), content, true, false);
        fs.close();
        assertNull(MountedVolume.mountType(fs.root()));
        assertArrayEquals(content, Files.readAllBytes(fs.backing().resolve("f.jpg")));
        assertEquals("20000 981173106.123456789", statOf(fs.backing().resolve("f.jpg")));
        fs.close(); // again: nothing happens
    }

    @Test
    void writeRulesFailWritesWithTheirErrno() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            fs.failAfterBytes("write", "*/big.bin", "ENOSPC", 50_000);
            Files.createDirectory(fs.root().resolve("dir"));
            IOException full = assertThrows(IOException.class,
                    () -> Files.write(fs.root().resolve("dir/big.bin"), bytes(100_000, 6)));
            assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
            assertEquals(50_000, Files.size(fs.root().resolve("dir/big.bin")), "the bytes before the limit went in");
            Files.write(fs.root().resolve("dir/other.bin"), bytes(100_000, 7));

            fs.fail("fsync", "*", "EIO");
            try (FileChannel ch = FileChannel.open(fs.root().resolve("dir/other.bin"), StandardOpenOption.WRITE)) {
                IOException eio = assertThrows(IOException.class, () -> ch.force(true));
                assertTrue(eio.getMessage().contains("Input/output error"), eio.getMessage());
            }
            fs.fail("rename", "*.part", "EACCES");
            Files.writeString(fs.root().resolve("g.part"), "x");
            assertThrows(IOException.class, () -> Files.move(fs.root().resolve("g.part"), fs.root().resolve("g")));
            fs.fail("read", "g.part", "EIO");
            assertThrows(IOException.class, () -> Files.readAllBytes(fs.root().resolve("g.part")));

            fs.clearFaults();
            Files.write(fs.root().resolve("dir/big.bin"), bytes(100_000, 6));
            Files.move(fs.root().resolve("g.part"), fs.root().resolve("g"));
            assertEquals("x", Files.readString(fs.root().resolve("g")));
        }
    }

    @Test
    void aVanishedDeviceFailsEverythingAndRemountBringsBackTheDurableState() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            byte[] kept = bytes(40_000, 8);
            write(fs.root().resolve("kept.jpg"), kept, false, true);
            write(fs.root().resolve("lost.jpg"), bytes(40_000, 9), false, false);
            fs.vanish("ENODEV");
            assertFalse(Files.exists(fs.root()));
            assertThrows(IOException.class, () -> Files.list(fs.root()).close());
            assertThrows(IOException.class, () -> Files.size(fs.root().resolve("kept.jpg")));
            fs.remount();
            assertEquals("fuse.faultfs", MountedVolume.mountType(fs.root()));
            try (var names = Files.list(fs.root())) {
                assertEquals("[kept.jpg, lost.jpg]",
                        Arrays.toString(names.map(p -> p.getFileName().toString()).sorted().toArray()));
            }
            assertArrayEquals(kept, Files.readAllBytes(fs.root().resolve("kept.jpg")));
            assertEquals(0, Files.size(fs.root().resolve("lost.jpg")), "unplugged before a flush: empty");
        }
    }

    /**
     * A finding, not a wish: syncfs(2) (coreutils `sync -f`) never reaches a libfuse2 daemon (the kernel sends
     * FUSE_SYNCFS only to virtiofs), so on FUSE volumes it persists nothing the daemon holds. Only per-file fsync does.
     */
    @Test
    void syncfsPersistsNothing() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp, true)) {
            write(fs.root().resolve("h.jpg"), bytes(30_000, 10), false, false);
            String before = fs.log();
            Tree.run("sync", "-f", fs.root().resolve("h.jpg").toString());
            Tree.run("sync", "-f", fs.root().toString());
            String during = fs.log().substring(before.length());
            assertFalse(during.contains("fsync"), "syncfs reached the daemon:\n" + during);
            assertEquals(0, Files.size(fs.backing().resolve("h.jpg")));
            fs.cut();
            assertEquals(0, Files.size(fs.backing().resolve("h.jpg")), "sync -f saved nothing");
        }
    }

    /** 300 files of 100 KB written, fsynced and renamed through the daemon: seconds, not minutes. */
    @Test
    void copyingThreeHundredFilesTakesSeconds() throws Exception {
        try (FaultFs fs = FaultFs.mount(tmp)) {
            byte[] content = bytes(100_000, 11);
            Files.createDirectory(fs.root().resolve("photos"));
            long start = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                Path part = fs.root().resolve("photos/IMG_" + i + ".jpg.part");
                write(part, content, true, true);
                Files.move(part, fs.root().resolve("photos/IMG_" + i + ".jpg"));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("FaultFs: 300 files of 100 KB written, timed, fsynced and renamed in " + millis + " ms");
            fs.cut();
            try (var names = Files.list(fs.backing().resolve("photos"))) {
                assertEquals(300, names.filter(p -> {
                    try {
                        return Files.size(p) == 100_000;
                    } catch (IOException e) {
                        return false;
                    }
                }).count());
            }
            assertTrue(millis < 60_000, millis + " ms");
        }
    }
}
