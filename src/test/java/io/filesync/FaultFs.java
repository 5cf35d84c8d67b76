package io.filesync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our own FUSE file system for fault tests ({@code src/test/fuse/faultfs.py}, run with /usr/bin/python3 and
 * python3-fuse): a pass-through to {@link #backing()} that keeps file data in memory until the file is fsync'd, so
 * {@link #cut()} ("power cut") leaves in {@link #backing()} exactly what a device with delayed allocation would hold,
 * and that fails chosen operations ({@link #fail}, {@link #failAfterBytes}), acknowledges flushes it never does
 * ({@link #lying}) or vanishes like a pulled USB disk ({@link #vanish}). The model, the control-file format and what
 * this kernel does (no syncfs for FUSE daemons, EINVAL for renameat2 flags, whole-second times through the mount)
 * are in the script's header. Needs root and /dev/fuse; {@link #whyNotAvailable} says why not in one sentence.
 * <pre>{@code try (FaultFs fs = FaultFs.mount(tmp)) { ...copy into fs.root()...; fs.cut(); ...check fs.backing()... }}</pre>
 */
public final class FaultFs implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    /** The daemon re-reads its control file at most every 20 ms; after this long every operation sees a change. */
    private static final long CONTROL_SETTLE_MILLIS = 30;
    private static String unavailable;
    private static boolean checked;

    private final Path root;
    private final Path backing;
    private final Path control;
    private final Path log;
    private final boolean trace;
    private final List<String> rules = new ArrayList<>();
    private boolean lying;
    private String vanishErrno;
    private Process daemon;

    private FaultFs(Path root, Path backing, Path control, Path log, boolean trace) {
        this.root = root;
        this.backing = backing;
        this.control = control;
        this.log = log;
        this.trace = trace;
    }

    /** The mount point. */
    public Path root() {
        return root;
    }

    /** The backing folder: what the device durably holds (all of it only after {@link #cut()} or {@link #close()}). */
    public Path backing() {
        return backing;
    }

    /** What the daemon wrote to stderr (every operation it received when mounted with trace on). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).replace("\0", "");
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The faultfs script in this checkout. */
    static Path script() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "fuse",
                "faultfs.py");
    }

    /** Null when a FaultFs can be mounted here, else the reason in one sentence. */
    public static synchronized String whyNotAvailable() {
        if (!checked) {
            unavailable = check();
            checked = true;
        }
        return unavailable;
    }

    private static String check() {
        try {
            if ((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
                return "Mounting a FaultFs needs root.";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "Mounting a FaultFs needs Linux and root (" + e + ").";
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "Mounting a FaultFs needs /dev/fuse.";
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return "Mounting a FaultFs needs " + PYTHON + " with python3-fuse (apt-get install python3-fuse).";
        }
        if (!Files.isRegularFile(script())) {
            return "Mounting a FaultFs needs " + script() + " (run the tests from the project folder).";
        }
        try {
            Tree.run(PYTHON, "-c", "import fuse");
        } catch (RuntimeException e) {
            return "Mounting a FaultFs needs the FUSE binding for " + PYTHON + " (apt-get install python3-fuse).";
        }
        if (fusermount() == null) {
            return "Mounting a FaultFs needs fusermount (apt-get install fuse3).";
        }
        return null;
    }

    private static String fusermount() {
        for (String p : List.of("/usr/bin/fusermount", "/bin/fusermount", "/usr/bin/fusermount3", "/bin/fusermount3")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** Mounts a new FaultFs at workDir/faultfs-mnt-N over an empty workDir/faultfs-backing-N, with no faults. */
    public static FaultFs mount(Path workDir) throws IOException {
        return mount(workDir, false);
    }

    /** As {@link #mount(Path)}; with {@code trace} the daemon logs every operation it receives ({@link #log()}). */
    public static FaultFs mount(Path workDir, boolean trace) throws IOException {
        Files.createDirectories(workDir);
        for (int n = 1; ; n++) {
            Path mnt = workDir.resolve("faultfs-mnt-" + n);
            try {
                Files.createDirectory(mnt);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            Path backing = Files.createDirectories(workDir.resolve("faultfs-backing-" + n));
            FaultFs fs = new FaultFs(mnt, backing, workDir.resolve("faultfs-control-" + n + ".json"),
                    workDir.resolve("faultfs-" + n + ".log"), trace);
            fs.writeControl();
            fs.start();
            return fs;
        }
    }

    private void start() throws IOException {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script().toString(), backing.toString(), root.toString(),
                control.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        if (trace) {
            pb.environment().put("FAULTFS_TRACE", "1");
        }
        daemon = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"fuse.faultfs".equals(MountedVolume.mountType(root))) {
            if (!daemon.isAlive()) {
                throw new IOException("faultfs exited " + daemon.exitValue() + " before " + root + " was mounted: "
                        + log().strip());
            }
            if (System.nanoTime() > deadline) {
                daemon.destroyForcibly();
                throw new IOException("faultfs did not mount " + root + " within 10 s: " + log().strip());
            }
            sleep(10);
        }
    }

    /** Fails every {@code op} (a FUSE operation name such as "write", "fsync", "rename", or "any") on paths matching
     * {@code pathGlob} (fnmatch, relative to the mount: "*", "*&#47;IMG_0003.jpg") with {@code errno} ("EIO"). */
    public void fail(String op, String pathGlob, String errno) {
        rule(op, pathGlob, errno, -1);
    }

    /** Reads or writes of the matching files succeed for the bytes before offset {@code afterBytes}, then fail. */
    public void failAfterBytes(String op, String pathGlob, String errno, long afterBytes) {
        rule(op, pathGlob, errno, afterBytes);
    }

    private void rule(String op, String glob, String errno, long afterBytes) {
        rules.add("{\"op\": " + json(op) + ", \"path\": " + json(glob) + ", \"errno\": " + json(errno)
                + (afterBytes >= 0 ? ", \"afterBytes\": " + afterBytes : "") + "}");
        updateControl();
    }

    /** Removes every rule, "lying" and "vanished". */
    public void clearFaults() {
        rules.clear();
        lying = false;
        vanishErrno = null;
        updateControl();
    }

    /** A lying device: fsync answers success but persists nothing. */
    public void lying(boolean on) {
        lying = on;
        updateControl();
    }

    /** The device disappears: every call, getattr of the root too, fails with {@code errno} ("EIO", "ENODEV"...). */
    public void vanish(String errno) {
        vanishErrno = errno;
        updateControl();
    }

    private void updateControl() {
        try {
            writeControl();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + control, e);
        }
        sleep(CONTROL_SETTLE_MILLIS);
    }

    private void writeControl() throws IOException {
        String text = "{\"lying\": " + lying + ", \"vanished\": " + (vanishErrno != null) + ", \"vanishErrno\": "
                + json(vanishErrno == null ? "EIO" : vanishErrno) + ",\n \"rules\": [" + String.join(",\n  ", rules)
                + "]}\n";
        Path tmp = control.resolveSibling(control.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, control, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * Power cut: the daemon drops every unflushed buffer, fails everything with EIO and goes; this returns when it
     * has exited and nothing is mounted at {@link #root()} any more. {@link #backing()} then holds what survived.
     */
    public void cut() throws IOException {
        if (daemon == null || !daemon.isAlive()) {
            detach();
            return;
        }
        Tree.run("kill", "-USR1", Long.toString(daemon.pid()));
        waitForExit(10);
        if (daemon.isAlive()) {
            throw new IOException("faultfs did not exit within 10 s of the power cut: " + log().strip());
        }
        detach();
    }

    /**
     * The device is back at the same path: after {@link #cut()} or {@link #vanish} (which is then a power cut too:
     * a pulled disk loses what it had not flushed), mounts the same backing folder at the same mount point with no
     * faults.
     */
    public void remount() throws IOException {
        cut();
        rules.clear();
        lying = false;
        vanishErrno = null;
        writeControl();
        start();
    }

    private void waitForExit(int seconds) {
        try {
            daemon.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lazily unmounts whatever is left at the mount point (a cut daemon detaches itself; this is the fallback). */
    private void detach() throws IOException {
        if (MountedVolume.mountType(root) != null) {
            try {
                Tree.run(fusermount(), "-u", "-z", root.toString());
            } catch (RuntimeException e) {
                throw new IOException("Cannot detach " + root + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Unmounts (lazily if something still uses the mount) and stops the daemon; a clean unmount first writes all
     * unflushed data to {@link #backing()}, unless the device was cut or has vanished. Never throws.
     */
    @Override
    public void close() {
        try {
            if (daemon != null && daemon.isAlive() && MountedVolume.mountType(root) != null) {
                try {
                    Tree.run(fusermount(), "-u", root.toString());
                } catch (RuntimeException busy) {
                    System.err.println("Unmounting " + root + " lazily: " + busy.getMessage());
                    Tree.run(fusermount(), "-u", "-z", root.toString());
                }
            }
            if (daemon != null) {
                waitForExit(10);
                if (daemon.isAlive()) {
                    System.err.println("faultfs did not exit within 10 s of unmounting " + root + "; killing it");
                    daemon.destroyForcibly();
                    waitForExit(5);
                }
            }
            detach();
        } catch (IOException | RuntimeException e) {
            System.err.println("Closing the FaultFs at " + root + ": " + e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
