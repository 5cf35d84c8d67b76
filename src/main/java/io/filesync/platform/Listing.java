package io.filesync.platform;

import io.filesync.files.FileStat;
import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.filesync.platform.Libc.*;
import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A folder's names read with {@code getdents64} from a descriptor opened with {@code O_NOATIME} and
 * {@code O_NOFOLLOW}: unlike opendir, this never moves the folder's access time (only its owner or root may ask for
 * that; others fall back, and the caller puts the time back). A scan examines each entry with statx relative to
 * the open folder, by its name as listed.
 */
final class Listing {
    /** {@code struct linux_dirent64} up to its name, which follows NUL-terminated (include/linux/dirent.h). */
    static final StructLayout DIRENT = MemoryLayout.structLayout(JAVA_LONG.withName("d_ino"),
            JAVA_LONG.withName("d_off"), JAVA_SHORT.withName("d_reclen"), JAVA_BYTE.withName("d_type"));
    private static final int RECLEN = (int) DIRENT.byteOffset(groupElement("d_reclen"));
    private static final int NAME = (int) DIRENT.byteSize();

    private Listing() {
    }

    /** The names in {@code dir}; with {@code examine}, each entry's metadata too (see {@link FileOps#scan}). */
    static List<DirectoryEntry> read(Path dir, boolean examine, boolean creationTimes) throws IOException {
        try (Call c = new Call()) {
            MemorySegment name = c.cString(dir.toString());
            int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
            int fd = c.open(name, flags | O_NOATIME, 0);
            if (fd < 0 && c.errno() == EPERM) {
                fd = c.open(name, flags, 0);
            }
            if (fd < 0) {
                throw Errno.error(c.errno(), dir, null);
            }
            try {
                List<DirectoryEntry> out = new ArrayList<>();
                MemorySegment buf = c.arena.allocate(64 * 1024, 8);
                MemorySegment statBuf = Statx.buffer(c);
                Xattrs.Reading reading = examine && creationTimes ? new Xattrs.Reading(c) : null;
                String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
                long n;
                while ((n = c.getdents64(fd, buf)) > 0) {
                    byte[] records = new byte[(int) n]; // parsed as a Java array: cheaper than segment reads
                    MemorySegment.copy(buf, JAVA_BYTE, 0, records, 0, (int) n);
                    for (int off = 0; off < n; ) {
                        // d_reclen is little-endian, as on every architecture LinuxFileOps runs on
                        int reclen = (records[off + RECLEN] & 0xff) | (records[off + RECLEN + 1] & 0xff) << 8;
                        int start = off + NAME;
                        int end = start;
                        while (records[end] != 0) { // d_name is NUL-terminated within the record
                            end++;
                        }
                        int len = end - start;
                        if (!(len == 1 && records[start] == '.')
                                && !(len == 2 && records[start] == '.' && records[start + 1] == '.')) {
                            DirectoryEntry e = entry(records, start, end);
                            out.add(examine && e.validText() ? examine(c, fd, buf.address() + start, statBuf, prefix,
                                    e, reading) : e);
                        }
                        off += reclen;
                    }
                }
                if (n < 0) {
                    throw Errno.error(c.errno(), dir, "listing the folder failed");
                }
                return out;
            } finally {
                c.close(fd);
            }
        }
    }

    /** {@code reading}: null where the creation attributes are not to be read. */
    private static DirectoryEntry examine(Call c, int dirfd, long name, MemorySegment buf, String prefix,
                                          DirectoryEntry e, Xattrs.Reading reading) {
        if (c.statx(dirfd, name, AT_SYMLINK_NOFOLLOW, Statx.MASK, buf) != 0) {
            return new DirectoryEntry(e.name(), true, null, Errno.error(c.errno(), Path.of(prefix + e.name()), null));
        }
        FileStat stat = Statx.parse(buf);
        if (reading != null) {
            stat = Xattrs.withAttributeCreation(c, reading, dirfd, name, prefix, e.name(), stat);
        }
        return new DirectoryEntry(e.name(), true, stat, null);
    }

    /** The name in {@code records} from {@code start} to {@code end}, as text straight from the listing's bytes. */
    private static DirectoryEntry entry(byte[] records, int start, int end) {
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            ascii &= records[i] >= 0;
        }
        if (ascii) {
            return new DirectoryEntry(new String(records, start, end - start, StandardCharsets.US_ASCII), true);
        }
        try {
            return new DirectoryEntry(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(records, start, end - start)).toString(), true);
        } catch (CharacterCodingException e) {
            return new DirectoryEntry(new String(records, start, end - start, StandardCharsets.UTF_8), false);
        }
    }
}
