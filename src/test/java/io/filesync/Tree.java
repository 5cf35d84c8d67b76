package io.filesync;

import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import io.filesync.platform.FileOps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds real folder trees for tests, with exact timestamps, and reads them back without disturbing them.
 * <pre>{@code Tree.at(src).file("2001/a.jpg", 1000, "2001-02-03T04:05:06.123456789Z").folder("empty");}</pre>
 */
public final class Tree {
    /** The same statx-based reader the engine uses, so tests see what it sees (and never move access times). */
    public static final FileOps OPS = FileOps.forThisSystem();
    private final Path root;

    private Tree(Path root) {
        this.root = root;
    }

    public static Tree at(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tree(root);
    }

    public Path root() {
        return root;
    }

    public Path path(String rel) {
        return root.resolve(rel);
    }

    /** A file of {@code size} deterministic pseudo-random bytes (seeded by its path) with mtime and atime set. */
    public Tree file(String rel, int size, String modified) {
        return file(rel, bytes(rel, size), Instant.parse(modified), Instant.parse(modified).plusSeconds(3600));
    }

    public Tree file(String rel, String content, String modified) {
        return file(rel, content.getBytes(StandardCharsets.UTF_8), Instant.parse(modified),
                Instant.parse(modified).plusSeconds(3600));
    }

    public Tree file(String rel, byte[] content, Instant modified, Instant accessed) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            setTimes(p, modified, accessed);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree folder(String rel) {
        try {
            Files.createDirectories(root.resolve(rel));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree folderTimes(String rel, String modified, String accessed) {
        setTimes(root.resolve(rel), Instant.parse(modified), Instant.parse(accessed));
        return this;
    }

    public Tree symlink(String rel, String target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree fifo(String rel) {
        run("mkfifo", root.resolve(rel).toString());
        return this;
    }

    public static void setTimes(Path p, Instant modified, Instant accessed) {
        try {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(modified), FileTime.from(accessed), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String seed, int size) {
        byte[] b = new byte[size];
        new Random(seed.hashCode()).nextBytes(b);
        return b;
    }

    /** The value of a {@code user.} extended attribute of {@code p} (name without "user."), or null if it has none. */
    public static String userAttribute(Path p, String name) {
        try {
            var view = Files.getFileAttributeView(p, java.nio.file.attribute.UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!view.list().contains(name)) {
                return null;
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(view.size(name));
            view.read(name, buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FileStat stat(Path p) {
        try {
            return OPS.stat(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FileTimes times(Path p) {
        return stat(p).times();
    }

    /**
     * Everything a user could notice about a tree: per entry its kind, size, modification and access time, and a
     * digest of its content (read with O_NOATIME; folder access times moved by listing are put back, so taking a
     * snapshot changes nothing). Equal snapshots mean
     * the tree was left exactly as it was.
     */
    public static TreeMap<String, String> snapshot(Path root) {
        TreeMap<String, String> out = new TreeMap<>();
        walk(root, (rel, p, s) -> {
            String digest = s.isFile() ? HexFormat.of().formatHex(OPS.digest(p)) : "";
            out.put(rel, s.kind() + " " + (s.isFile() ? s.size() : 0) + " m=" + s.times().modified() + " a="
                    + s.times().accessed() + " " + digest);
        });
        return out;
    }

    /** Relative paths and sizes of every regular file under root (folder access times left as they were). */
    public static TreeMap<String, Long> files(Path root) {
        TreeMap<String, Long> out = new TreeMap<>();
        walk(root, (rel, p, s) -> {
            if (s.isFile()) {
                out.put(rel, s.size());
            }
        });
        return out;
    }

    private interface Visit {
        void entry(String rel, Path p, FileStat s) throws IOException;
    }

    /** Every entry under root, links not followed; listing a folder moves its access time (relatime): put back. */
    private static void walk(Path root, Visit visit) {
        try {
            walk(root, root, visit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(Path root, Path p, Visit visit) throws IOException {
        FileStat s = OPS.stat(p);
        visit.entry(root.relativize(p).toString(), p, s);
        if (s.isFolder()) {
            List<Path> children;
            try (Stream<Path> list = Files.list(p)) {
                children = list.toList();
            }
            if (!OPS.stat(p).times().accessed().equals(s.times().accessed())) {
                OPS.setTimes(p, new FileTimes(OPS.stat(p).times().modified(), s.times().accessed(), null));
            }
            for (Path c : children) {
                walk(root, c, visit);
            }
        }
    }

    /**
     * Runs a command and returns what it printed on standard output; when it fails, the exception carries its
     * exit code and both outputs (standard error goes through a file, so a chatty command cannot block on a full
     * pipe).
     */
    public static String run(String... command) {
        Path err = null;
        try {
            err = Files.createTempFile("filesync-cmd", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + (out + Files.readString(err)).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (err != null) {
                err.toFile().delete();
            }
        }
    }
}
