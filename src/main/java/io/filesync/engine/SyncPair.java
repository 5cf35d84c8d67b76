package io.filesync.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A validated source and destination: both exist, are folders, are not the same folder and neither holds the
 * other. Both are kept as real paths (links and {@code ..} resolved), so aliases compare equal.
 */
public record SyncPair(Path source, Path destination) {

    public SyncPair {
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
    }

    /**
     * Checks the two folders the user gave, before anything is touched.
     *
     * @throws BadFoldersException with one sentence saying what is wrong
     */
    public static SyncPair of(Path source, Path destination) throws BadFoldersException {
        Path src = existingFolder(source, "source");
        Path dst = existingFolder(destination, "destination");
        try {
            if (Files.isSameFile(src, dst)) {
                throw new BadFoldersException("The source and the destination are the same folder (" + src + ").");
            }
            if (isInside(dst, src)) {
                throw new BadFoldersException("The destination " + dst + " is inside the source " + src
                        + "; choose a destination outside it.");
            }
            if (isInside(src, dst)) {
                throw new BadFoldersException("The source " + src + " is inside the destination " + dst
                        + "; choose folders that do not contain each other.");
            }
        } catch (IOException e) {
            throw new BadFoldersException("The folders cannot be compared: " + e.getMessage() + ".");
        }
        return new SyncPair(src, dst);
    }

    /** Checks that a sync can write into the destination at all (a read-only mount is refused up front). */
    public void requireWritableDestination() throws BadFoldersException {
        try {
            FileStore store = Files.getFileStore(destination);
            // FileStore reads the mount table and can pick the wrong line for a bind mount (a read-only bind of a
            // read-write folder passed as writable); access(W_OK) asks the kernel, which says EROFS even to root.
            if (store.isReadOnly() || !Files.isWritable(destination)) {
                throw new BadFoldersException("The destination " + destination
                        + " is read-only (a read-only volume, or no permission to write there); nothing can be"
                        + " copied there.");
            }
        } catch (IOException e) {
            throw new BadFoldersException("The destination " + destination + " cannot be examined: "
                    + e.getMessage() + ".");
        }
    }

    private static Path existingFolder(Path given, String role) throws BadFoldersException {
        if (given == null || given.toString().isBlank()) {
            throw new BadFoldersException("No " + role + " folder was given.");
        }
        Path abs = given.toAbsolutePath().normalize();
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.exists(abs)) {
            throw new BadFoldersException("The " + role + " folder " + abs + " does not exist.");
        }
        if (!Files.isDirectory(abs)) {
            throw new BadFoldersException("The " + role + " " + abs + " is not a folder.");
        }
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            throw new BadFoldersException("The " + role + " folder " + abs + " cannot be opened: " + e.getMessage()
                    + ".");
        }
    }

    /** Whether {@code inner} is below {@code outer}, by file identity (bind mounts and links included). */
    private static boolean isInside(Path inner, Path outer) throws IOException {
        Object outerKey = Files.readAttributes(outer, "basic:fileKey").get("fileKey");
        for (Path p = inner.getParent(); p != null; p = p.getParent()) {
            if (p.equals(outer)) {
                return true;
            }
            if (outerKey != null && outerKey.equals(Files.readAttributes(p, "basic:fileKey").get("fileKey"))) {
                return true;
            }
        }
        return false;
    }

    /** A stable identifier of this pair, used to name its checkpoint. */
    public String id() {
        return hash(source + "\u0000" + destination);
    }

    /** A stable identifier of the destination alone, used for its run lock. */
    public String destinationId() {
        return hash(destination.toString());
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
