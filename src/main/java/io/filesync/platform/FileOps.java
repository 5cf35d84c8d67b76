package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file operations whose exact behaviour matters to a faithful, safe copy. One implementation uses Linux
 * system calls directly (through the FFM API); the portable one uses NIO and is what Windows and macOS get.
 */
public interface FileOps {

    /** The best implementation for this OS. */
    static FileOps forThisSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") && !Boolean.getBoolean("filesync.portableFileOps") && LinuxFileOps.usable()) {
            return new LinuxFileOps();
        }
        return new PortableFileOps();
    }

    /**
     * The names in folder {@code dir} (not following a link at {@code dir}), read without moving the folder's access
     * time where the OS allows (Linux: O_NOATIME), so even a process killed while listing leaves it as it was.
     */
    java.util.List<DirectoryEntry> list(Path dir) throws IOException;

    /**
     * {@link #list} with each entry's metadata. With {@code creationTimes} false, creation times are the file
     * system's birth time only: the attribute that can hold a truer one (see {@link #withCreationTime}) is not
     * read, which saves a call per entry when only sizes and modification times matter. Names that are not valid
     * text are not examined.
     */
    default java.util.List<DirectoryEntry> scan(Path dir, boolean creationTimes) throws IOException {
        java.util.List<DirectoryEntry> out = new java.util.ArrayList<>();
        for (DirectoryEntry e : list(dir)) {
            if (!e.validText()) {
                out.add(e);
                continue;
            }
            try {
                out.add(new DirectoryEntry(e.name(), true, stat(dir.resolve(e.name())), null));
            } catch (IOException problem) {
                out.add(new DirectoryEntry(e.name(), true, null, problem));
            }
        }
        return out;
    }

    /** {@code scanned} (from a {@link #scan} without creation times) with the creation time {@link #stat} gives. */
    default FileStat withCreationTime(Path path, FileStat scanned) throws IOException {
        return scanned;
    }

    /** Whether this process may open {@code file} for reading, as far as can be told without opening it. */
    default boolean readable(Path file) {
        return java.nio.file.Files.isReadable(file);
    }

    /**
     * Whether {@link #whyUnreadable} says null of every file without looking at it (root, on Linux), so that a caller
     * need not even name the file.
     */
    default boolean readsAnyFile() {
        return false;
    }

    /** Null when {@link #readable}, else why not, as a clause for the plan ("it cannot be read (permission denied)"). */
    default String whyUnreadable(Path file) {
        return readable(file) ? null : "it cannot be read (permission denied)";
    }

    /**
     * Holds folder {@code folder} open (refusing a link there) and returns a path that reaches that very folder from
     * now on, whatever is renamed or swapped for a link on the way to it later; empty where the OS offers no such
     * path (or too many are held). Linux: {@code /proc/self/fd/N/.}, resolved by the kernel through the open folder.
     * Release it with {@link #release}.
     */
    default java.util.Optional<Path> hold(Path folder) throws IOException {
        return java.util.Optional.empty();
    }

    /** Lets go of a path {@link #hold} returned. */
    default void release(Path held) {
    }

    /** Metadata of {@code path} itself (links are not followed). Throws NoSuchFileException when absent. */
    FileStat stat(Path path) throws IOException;

    /** Copies per {@code request}; see {@link CopyRequest}. Leaves no temp file behind when it throws. */
    CopyResult copy(CopyRequest request, CopyProgress progress) throws IOException;

    /**
     * Gives {@code temp} the name {@code target} unless {@code target} exists, atomically where the volume allows.
     * A copy made {@link CopyRequest#unnamed} gets its first name here.
     *
     * @return false when something already has that name: it is left untouched and {@code temp} still exists
     */
    boolean publish(Path temp, Path target) throws IOException;

    /**
     * Drops a copy that will not be published: deletes {@code temp}, or lets go of the copy that was made
     * {@link CopyRequest#unnamed} for it (which leaves nothing on the volume). Nothing there is not an error.
     */
    default void discard(Path temp) throws IOException {
        java.nio.file.Files.deleteIfExists(temp);
    }

    /**
     * Sets the times on {@code path} (not following links): modification and access time, and the creation time
     * (when {@code times} has one) the way {@code store} says. A creation time the volume refuses is not an error
     * here: reading the times back tells.
     */
    void setTimes(Path path, FileTimes times, CreationTimeStore store) throws IOException;

    /** Sets modification and access time only (to put back a time that reading moved). */
    default void setTimes(Path path, FileTimes times) throws IOException {
        setTimes(path, new FileTimes(times.modified(), times.accessed(), null), CreationTimeStore.NONE);
    }

    /**
     * Where the volume holding {@code folder} keeps creation times; found by reading attributes of the folder
     * itself, so it writes nothing.
     */
    CreationTimeStore creationTimeStore(Path folder);

    /** SHA-256 of a file's content, leaving its access time as it was. */
    byte[] digest(Path file) throws IOException;

    /** Flushes everything written to the volume holding {@code folder} to the device. */
    void flushVolume(Path folder) throws IOException;

    /**
     * Whether {@link #flushVolume} really brings everything written to the volume holding {@code folder} onto its
     * device. Where it does not, each copy is flushed on its own ({@link CopyRequest#fsync}) and each folder after
     * names were given in it ({@link #flushFolder}).
     */
    default boolean flushesWholeVolume(Path folder) {
        return false;
    }

    /** Flushes folder {@code folder}'s own entries (names given, removed or changed in it) to the device. */
    void flushFolder(Path folder) throws IOException;

    /** A short name for logs, e.g. "linux (statx, copy_file_range, renameat2)". */
    String describe();
}
