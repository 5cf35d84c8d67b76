package io.filesync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real file system in an image file, mounted for a test: NTFS through ntfs-3g, exFAT through exfat-fuse (which
 * needs a loop device), or a small tmpfs. Needs root and /dev/fuse; {@link #whyNotAvailable} says in one sentence
 * why a kind cannot be mounted here, so tests skip with that reason. {@link #close()} always unmounts.
 */
public final class MountedVolume implements AutoCloseable {
    private final Path root;
    private final String loop;

    private MountedVolume(Path root, String loop) {
        this.root = root;
        this.loop = loop;
    }

    public Path root() {
        return root;
    }

    /** Null when volumes of this kind ("ntfs", "exfat") can be mounted here, else the reason in one sentence. */
    public static String whyNotAvailable(String kind) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "Mounting a " + kind + " volume needs root.";
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "Mounting a " + kind + " volume needs /dev/fuse.";
        }
        List<String> tools = kind.equals("ntfs") ? List.of("mkntfs", "ntfs-3g", "getfattr", "setfattr")
                : List.of("mkfs.exfat", "mount.exfat-fuse", "losetup");
        for (String t : tools) {
            if (tool(t) == null) {
                return "Mounting a " + kind + " volume needs " + t
                        + " (apt-get install ntfs-3g attr exfat-fuse exfatprogs).";
            }
        }
        return null;
    }

    /** The full path of a system tool (sbin folders are not on every PATH), or null. */
    private static String tool(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Path.of(dir, name).toFile().canExecute()) {
                return dir + "/" + name;
            }
        }
        return null;
    }

    public static MountedVolume ntfs(Path workDir, int megabytes) throws IOException {
        Path image = image(workDir, "ntfs", megabytes);
        run("mkntfs", "-F", "-Q", "-q", image.toString());
        Path mnt = Files.createDirectories(workDir.resolve("ntfs-" + System.nanoTime()));
        run("ntfs-3g", image.toString(), mnt.toString());
        return new MountedVolume(mnt, null);
    }

    public static MountedVolume exfat(Path workDir, int megabytes) throws IOException {
        Path image = image(workDir, "exfat", megabytes);
        run("mkfs.exfat", image.toString());
        String loop = run("losetup", "-f", "--show", image.toString()).strip();
        Path mnt = Files.createDirectories(workDir.resolve("exfat-" + System.nanoTime()));
        try {
            run("mount.exfat-fuse", loop, mnt.toString());
        } catch (IOException e) {
            run("losetup", "-d", loop);
            throw e;
        }
        return new MountedVolume(mnt, loop);
    }

    private static Path image(Path workDir, String kind, int megabytes) throws IOException {
        Path image = workDir.resolve(kind + "-" + System.nanoTime() + ".img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength((long) megabytes << 20);
        }
        return image;
    }

    /** Runs a command, returns what it printed; throws with its output when it fails. */
    public static String run(String... command) throws IOException {
        Path err = Files.createTempFile("filesync-cmd", ".err");
        try {
            String[] cmd = command.clone();
            if (!cmd[0].contains("/") && tool(cmd[0]) != null) {
                cmd[0] = tool(cmd[0]);
            }
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + (out + Files.readString(err)).strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Override
    public void close() throws IOException {
        List<String> problems = new ArrayList<>();
        try {
            run("umount", root.toString());
        } catch (IOException busy) {
            problems.add(busy.getMessage());
            run("umount", "-l", root.toString());
        }
        if (loop != null) {
            run("losetup", "-d", loop);
        }
        if (Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + root + " ")) {
            throw new IOException(root + " is still mounted: " + problems);
        }
    }
}
