package io.filesync;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real file system mounted for a test at {@code workDir/mnt-<n>}: NTFS through ntfs-3g or exFAT through exfat-fuse,
 * each in an image file {@code workDir/<kind>-<n>.img} on a loop device, or a small tmpfs. Needs root (and
 * /dev/fuse and loop devices for the image kinds); {@link #whyNotAvailable} says in one sentence why a kind cannot
 * be mounted here, so tests skip with that reason. {@link #close()} always unmounts. Facts about these volumes:
 * docs/volumes-facts.md.
 */
public final class MountedVolume implements AutoCloseable {
    private final Path root;
    private final String loop;
    private final String mountCommand;
    private boolean closed;

    private MountedVolume(Path root, String loop, String mountCommand) {
        this.root = root;
        this.loop = loop;
        this.mountCommand = mountCommand;
    }

    /**
     * Unmounts the volume (which writes back everything its driver holds) and mounts it again at the same place: what
     * it shows then is what the device keeps, not what a driver's caches say.
     */
    public void remount() throws IOException {
        if (loop == null) {
            throw new IllegalStateException("a tmpfs keeps nothing once unmounted");
        }
        run("umount", root.toString());
        run(mountCommand, loop, root.toString());
    }

    public Path root() {
        return root;
    }

    /** Null when volumes of this kind ("ntfs", "exfat", "tmpfs") can be mounted here, else the reason in one sentence. */
    public static String whyNotAvailable(String kind) {
        List<String> tools = switch (kind) {
            case "ntfs" -> List.of("mkntfs", "ntfs-3g", "losetup", "getfattr", "setfattr");
            case "exfat" -> List.of("mkfs.exfat", "mount.exfat-fuse", "losetup");
            case "ext4" -> List.of("mkfs.ext4", "losetup", "mount", "umount");
            case "tmpfs" -> List.of("mount", "umount");
            default -> throw new IllegalArgumentException("No volume kind " + kind + " (ntfs, exfat, ext4, tmpfs).");
        };
        try {
            // The owner of /proc/self is the effective user, which user.name does not always tell.
            if ((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
                return "Mounting a " + kind + " volume needs root.";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "Mounting a " + kind + " volume needs Linux and root (" + e + ").";
        }
        if ((kind.equals("ntfs") || kind.equals("exfat")) && !Files.exists(Path.of("/dev/fuse"))) {
            return "Mounting a " + kind + " volume needs /dev/fuse.";
        }
        if (!kind.equals("tmpfs") && !Files.exists(Path.of("/dev/loop-control"))) {
            return "Mounting a " + kind + " volume needs loop devices (/dev/loop-control).";
        }
        for (String t : tools) {
            if (tool(t) == null) {
                return "Mounting a " + kind + " volume needs " + t
                        + " (apt-get install ntfs-3g attr exfat-fuse exfatprogs).";
            }
        }
        return null;
    }

    /** Skips the calling test, printing why, unless volumes of {@code kind} can be mounted here. */
    public static void assumeAvailable(String kind, String test) {
        String why = whyNotAvailable(kind);
        if (why != null) {
            System.out.println("Skipping " + test + ": " + why);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
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

    /** {@link Tree#run} with the command looked up in the sbin folders too. */
    private static String run(String... command) {
        String[] cmd = command.clone();
        String full = tool(cmd[0]);
        if (full != null) {
            cmd[0] = full;
        }
        return Tree.run(cmd);
    }

    public static MountedVolume ntfs(Path workDir, int megabytes) throws IOException {
        return onLoopDevice(workDir, megabytes, "ntfs", List.of("mkntfs", "-F", "-Q", "-q"), "ntfs-3g");
    }

    public static MountedVolume exfat(Path workDir, int megabytes) throws IOException {
        return onLoopDevice(workDir, megabytes, "exfat", List.of("mkfs.exfat"), "mount.exfat-fuse");
    }

    /** ext4 in an image file on a loop device, as a USB disk formatted on Linux would be. */
    public static MountedVolume ext4(Path workDir, int megabytes) throws IOException {
        return onLoopDevice(workDir, megabytes, "ext4", List.of("mkfs.ext4", "-q", "-F"), "mount");
    }

    public static MountedVolume tmpfs(Path workDir, int megabytes) throws IOException {
        Path mnt = mountPoint(workDir);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mnt.toString());
        return new MountedVolume(mnt, null, null);
    }

    /**
     * Formats an image file and mounts it through a loop device, as a real disk is mounted: exfat-fuse refuses
     * anything but a block device, and on one the FUSE mount is a fuseblk, whose unmount waits until the driver
     * has written everything back (a plain fuse unmount returns while the driver may still be writing).
     */
    private static MountedVolume onLoopDevice(Path workDir, int megabytes, String kind, List<String> format,
            String mount) throws IOException {
        Path mnt = mountPoint(workDir);
        Path image = workDir.resolve(kind + "-" + mnt.getFileName().toString().substring("mnt-".length()) + ".img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength((long) megabytes << 20);
        }
        String[] formatCommand = new String[format.size() + 1];
        format.toArray(formatCommand);
        formatCommand[format.size()] = image.toString();
        run(formatCommand);
        String loop = run("losetup", "-f", "--show", image.toString()).strip();
        try {
            run(mount, loop, mnt.toString());
        } catch (RuntimeException e) {
            run("losetup", "-d", loop);
            throw e;
        }
        return new MountedVolume(mnt, loop, mount);
    }

    /** Makes workDir/mnt-n for the first n not taken. */
    private static Path mountPoint(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        for (int n = 1; ; n++) {
            try {
                return Files.createDirectory(workDir.resolve("mnt-" + n));
            } catch (FileAlreadyExistsException taken) {
                // the next one
            }
        }
    }

    /**
     * The file-system type /proc/self/mountinfo gives for the mount at exactly {@code mountPoint} ("fuseblk",
     * "tmpfs"…), or null when nothing is mounted there.
     */
    public static String mountType(Path mountPoint) throws IOException {
        // Fields: id parent major:minor root mount-point options [optional…] - type source super-options; the
        // kernel writes space, tab, newline and backslash in paths as octal escapes.
        String escaped = mountPoint.toString().replace("\\", "\\134").replace(" ", "\\040").replace("\t", "\\011")
                .replace("\n", "\\012");
        String type = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals(escaped)) {
                type = f[List.of(f).indexOf("-") + 1]; // the last one mounted there is the one seen
            }
        }
        return type;
    }

    /**
     * Unmounts; if something still uses the volume (a test that failed with a file open), tries again briefly, then
     * detaches it lazily, so no mount outlives the test either way. Closing again does nothing.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        String busy = null;
        for (int attempt = 0; attempt < 3 && mountType(root) != null; attempt++) {
            try {
                run("umount", root.toString());
            } catch (IllegalStateException e) {
                busy = e.getMessage();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (mountType(root) != null) {
            System.err.println("Unmounting " + root + " lazily: " + busy);
            run("umount", "-l", root.toString());
        }
        if (loop != null) {
            // Still in use after a lazy unmount: the kernel then frees the device when its last user is gone.
            run("losetup", "-d", loop);
        }
        if (mountType(root) != null) {
            throw new IOException(root + " is still mounted after umount -l: " + busy);
        }
    }
}
