package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.FileTimes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Held folders are typed handles: a path is matched to the folder held for it, never parsed for a number. */
class HeldFoldersTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void onLinuxWithNativeAccess() {
        assumeTrue(LinuxFileOps.usable(), "held folders are LinuxFileOps' own");
    }

    @Test
    void aPathBelowAHeldFolderIsReachedThroughItsDescriptor() throws Exception {
        HeldFolders folders = new HeldFolders();
        Path folder = Files.createDirectories(tmp.resolve("d"));
        Path held = folders.hold(folder).orElseThrow();
        try {
            HeldFolders.At self = folders.at(held);
            HeldFolders.At child = folders.at(held.resolve("x.jpg"));
            HeldFolders.At deeper = folders.at(held.resolve("a").resolve("b.jpg"));
            assertSame(self.folder(), child.folder());
            assertSame(self.folder(), deeper.folder());
            assertEquals(".", self.name());
            assertEquals("x.jpg", child.name());
            assertEquals("a/b.jpg", deeper.name());
            assertEquals(held, self.folder().path());
            assertEquals(Files.readSymbolicLink(held.getParent()), folder, "the descriptor is that folder's");
        } finally {
            folders.release(held);
        }
        HeldFolders.At after = folders.at(held.resolve("x.jpg"));
        assertNull(after.folder(), "once released, the path is the kernel's to resolve");
        assertEquals(held.resolve("x.jpg").toString(), after.name());
    }

    @Test
    void aPathThatOnlyLooksHeldIsUsedAsItIs() throws Exception {
        HeldFolders folders = new HeldFolders();
        Path held = folders.hold(Files.createDirectories(tmp.resolve("d"))).orElseThrow();
        try {
            for (Path p : new Path[]{Path.of("/proc/self/fd/0/./x"), Path.of("/proc/self/fd/x/./y"), tmp,
                    Path.of("proc/self/fd").resolve(held.getFileName())}) {
                HeldFolders.At at = folders.at(p);
                assertNull(at.folder(), p.toString());
                assertEquals(p.toString(), at.name());
            }
        } finally {
            folders.release(held);
        }
    }

    @Test
    void releasingAPathNotHeldHereClosesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("open.txt"), "still open");
        try (FileChannel ch = FileChannel.open(file)) {
            Path proc = descriptorPathOf(file);
            new LinuxFileOps().release(proc.resolve("."));
            ByteBuffer b = ByteBuffer.allocate(64);
            assertEquals(10, ch.read(b, 0), "the channel's descriptor was left open");
        }
    }

    @Test
    void releasingTwiceClosesOnceEvenWhenTheNumberWasTakenAgain() throws Exception {
        LinuxFileOps ops = new LinuxFileOps();
        Path held = ops.hold(Files.createDirectories(tmp.resolve("d"))).orElseThrow();
        ops.release(held);
        Path file = Files.writeString(tmp.resolve("open.txt"), "still open");
        try (FileChannel ch = FileChannel.open(file)) {
            ops.release(held); // whatever has that number now is not ours
            assertEquals(10, ch.read(ByteBuffer.allocate(64), 0));
        }
    }

    @Test
    void aCopyIntoAHeldFolderLandsThereAfterTheFolderWasMovedAndALinkPutInItsPlace() throws Exception {
        LinuxFileOps ops = new LinuxFileOps();
        Path src = Files.writeString(tmp.resolve("src.jpg"), "photo");
        Path folder = Files.createDirectories(tmp.resolve("dst"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path held = ops.hold(folder).orElseThrow();
        try {
            Path moved = Files.move(folder, tmp.resolve("moved"));
            Files.createSymbolicLink(folder, elsewhere);
            FileTimes times = new FileTimes(Instant.parse("2011-01-01T00:00:00.000000001Z"),
                    Instant.parse("2011-01-02T00:00:00.000000002Z"), null);
            ops.copy(new CopyRequest(src, ops.stat(src), held.resolve(".t.tmp"), false, false, times,
                    CreationTimeStore.NONE), n -> { });
            assertTrue(ops.publish(held.resolve(".t.tmp"), held.resolve("src.jpg")));
            assertEquals("photo", Files.readString(moved.resolve("src.jpg")));
            try (Stream<Path> s = Files.list(elsewhere)) {
                assertEquals(0, s.count(), "nothing went through the link");
            }
        } finally {
            ops.release(held);
        }
    }

    /** {@code /proc/self/fd/N} for a file this process has open. */
    private static Path descriptorPathOf(Path file) throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).equals(file);
                } catch (Exception gone) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
    }
}
