package io.filesync.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The mount a folder is on and what Linux says about the device under it: the file-system type as the kernel
 * names it ({@code ext4}, {@code tmpfs}, {@code fuseblk}…), the mount's source, whether its block device is
 * rotational ({@code /sys/class/block/<dev>/queue/rotational}, the partition's disk for a partition), and, for a
 * volume served by ntfs-3g, whether its daemon was started without {@code big_writes} (libfuse 2 then hands it every
 * write in 4 KiB pieces; the option is the daemon's, so it shows in its command line, not in the kernel's
 * mountinfo). Read from {@code /proc} and {@code /sys}; elsewhere, or when they cannot be read, nothing is known.
 *
 * @param fileSystem           the kernel's name for the file system, or "" when not known
 * @param source               the mount's source (a device path for block volumes), or ""
 * @param rotational           whether the device under it spins; empty when not known (no block device, or no /sys)
 * @param ntfs3gWithoutBigWrites the volume is served by an ntfs-3g daemon started without {@code big_writes}
 */
public record MountedDevice(String fileSystem, String source, Optional<Boolean> rotational,
                            boolean ntfs3gWithoutBigWrites) {

    static final MountedDevice UNKNOWN = new MountedDevice("", "", Optional.empty(), false);
    private static final Set<String> NTFS_3G_DAEMONS = Set.of("ntfs-3g", "lowntfs-3g", "mount.ntfs-3g", "mount.ntfs",
            "mount.lowntfs-3g");

    /** The mount {@code folder} is on; {@link #UNKNOWN}'s values where Linux's /proc cannot tell. */
    public static MountedDevice of(Path folder) {
        try {
            Path real = folder.toRealPath();
            String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
            Optional<Mount> m = mountOf(mountinfo, real.toString());
            if (m.isEmpty()) {
                return UNKNOWN;
            }
            Mount mount = m.get();
            return new MountedDevice(mount.fileSystem(), mount.source(), rotational(mount),
                    mount.fileSystem().equals("fuseblk") && ntfs3gWithoutBigWrites(mount));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** One line of /proc/self/mountinfo: the fields this class reads. */
    record Mount(String device, String mountPoint, String fileSystem, String source) {
    }

    /** The mount holding {@code path} (absolute, real): the longest mount point above it, the latest one if stacked. */
    static Optional<Mount> mountOf(String mountinfo, String path) {
        Mount best = null;
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (f.length < 5 || dash < 6 || dash + 2 >= f.length) {
                continue;
            }
            String point = unescape(f[4]);
            boolean above = point.equals("/") || path.equals(point) || path.startsWith(point + "/");
            if (above && (best == null || point.length() >= best.mountPoint().length())) {
                best = new Mount(f[2], point, f[dash + 1], unescape(f[dash + 2]));
            }
        }
        return Optional.ofNullable(best);
    }

    /** mountinfo writes space, tab, newline and backslash in names as octal escapes ({@code \040}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static Optional<Boolean> rotational(Mount m) {
        Path sys = Path.of("/sys");
        Path block = null;
        if (m.source().startsWith("/dev/")) {
            try {
                block = sys.resolve("class/block").resolve(Path.of(m.source()).toRealPath().getFileName().toString());
            } catch (IOException gone) {
                block = null;
            }
        }
        if ((block == null || !Files.exists(block)) && !m.device().startsWith("0:")) {
            block = sys.resolve("dev/block").resolve(m.device()); // a block volume named otherwise (by UUID…)
        }
        return block == null ? Optional.empty() : rotationalFlag(block);
    }

    /** The flag of {@code block} (under /sys), or of the disk it is a partition of. */
    static Optional<Boolean> rotationalFlag(Path block) {
        try {
            Path dev = block.toRealPath();
            for (Path p : List.of(dev.resolve("queue/rotational"), dev.getParent().resolve("queue/rotational"))) {
                if (Files.isRegularFile(p)) {
                    return Optional.of(Files.readString(p).trim().equals("1"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not known
        }
        return Optional.empty();
    }

    /** Whether an ntfs-3g daemon serving {@code m} runs without {@code big_writes}; false when none is found. */
    private static boolean ntfs3gWithoutBigWrites(Mount m) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(MountedDevice::commandLine)
                    .filter(args -> servesWithoutBigWrites(args, m))
                    .findAny().isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> commandLine(Path proc) {
        try {
            String raw = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /**
     * Whether {@code args} is an ntfs-3g daemon's command line for the mount {@code m} (its device or its mount point
     * among the arguments) with no {@code big_writes} among its {@code -o} options.
     */
    static boolean servesWithoutBigWrites(List<String> args, Mount m) {
        if (args.isEmpty() || !NTFS_3G_DAEMONS.contains(Path.of(args.getFirst()).getFileName().toString())) {
            return false;
        }
        boolean ours = args.stream().skip(1).anyMatch(a -> a.equals(m.source()) || a.equals(m.mountPoint()));
        if (!ours) {
            return false;
        }
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            String options = a.equals("-o") && i + 1 < args.size() ? args.get(i + 1)
                    : a.startsWith("-o") ? a.substring(2) : null;
            if (options != null && Arrays.stream(options.split(","))
                    .anyMatch(o -> o.trim().toLowerCase(Locale.ROOT).equals("big_writes"))) {
                return false;
            }
        }
        return true;
    }
}
