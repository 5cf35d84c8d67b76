package io.filesync.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Permission denied, for real: root reads everything, so these run the CLI in a child JVM as the user
 * {@code nobody} (setpriv). Skipped, with the reason printed, where that is impossible (not root, no setpriv).
 */
@Tag("fault")
class AnotherUserTest {
    @TempDir
    Path tmp;
    private List<String> java;

    @BeforeEach
    void asNobody() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        if (!root || !setpriv) {
            System.out.println("Skipping permission tests: they need root and /usr/bin/setpriv to run as nobody.");
        }
        assumeTrue(root && setpriv, "needs root and setpriv to run a step as another user");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The module path lives under /root (~/.m2) and target/, which nobody may not read: copy it.
        Path mp = Files.createDirectories(tmp.resolve("modules"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("jdk.module.path").split(File.pathSeparator)) {
            Path from = Path.of(e);
            Path to = mp.resolve((i++) + "-" + from.getFileName());
            Tree.run("cp", "-a", from.toString(), to.toString());
            entries.add(to.toString());
        }
        Tree.run("chmod", "-R", "a+rX", mp.toString());
        java = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=io.filesync",
                "-p", String.join(File.pathSeparator, entries),
                "-Dfilesync.portableFileOps=" + Boolean.getBoolean("filesync.portableFileOps"),
                "-m", "io.filesync/io.filesync.Main"));
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exit, String out, String err) {
    }

    @Test
    void unreadableSourceEntriesAreSkippedWithTheReasonAndTheRunGoesOn() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("ok.jpg", 100, "2010-01-01T00:00:00Z")
                .file("private/hidden.jpg", 100, "2010-01-01T00:00:00Z")
                .file("secret.jpg", 100, "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Tree.run("chmod", "-R", "a+rX", src.root().toString());
        Tree.run("chmod", "000", src.path("private").toString());
        Tree.run("chmod", "600", src.path("secret.jpg").toString());
        Tree.run("chown", "nobody", dst.toString(), home.toString());

        Result plan = run("plan", src.root().toString(), dst.toString(), "--home", home.toString(), "--json");
        assertEquals(0, plan.exit(), plan.err());
        JsonObject json = JsonParser.parseString(plan.out()).getAsJsonObject();
        assertEquals(1, json.getAsJsonArray("pending").size());
        String skipped = json.getAsJsonArray("skipped").toString();
        assertTrue(skipped.contains("private") && skipped.contains("permission denied"), skipped);
        assertTrue(skipped.contains("secret.jpg"), skipped);

        Result sync = run("sync", src.root().toString(), dst.toString(), "--home", home.toString(), "--yes");
        assertEquals(0, sync.exit(), sync.out() + sync.err());
        try (Stream<Path> s = Files.list(dst)) {
            assertEquals(List.of("ok.jpg"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aDestinationFolderThatCannotBeWrittenFailsItsFilesAndTheRunGoesOn() throws Exception {
        Tree src = Tree.at(tmp.resolve("src"))
                .file("open/a.jpg", 100, "2010-01-01T00:00:00Z")
                .file("locked/b.jpg", 100, "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).folder("open").folder("locked");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Tree.run("chmod", "-R", "a+rX", src.root().toString());
        Tree.run("chown", "nobody", dst.root().toString(), dst.path("open").toString(), home.toString());
        Tree.run("chmod", "555", dst.path("locked").toString());

        Result sync = run("sync", src.root().toString(), dst.root().toString(), "--home", home.toString(), "--yes");

        assertEquals(1, sync.exit(), sync.out() + sync.err());
        assertTrue(sync.err().contains("locked/b.jpg") && sync.err().toLowerCase().contains("permission denied"),
                sync.err());
        assertTrue(Files.exists(dst.path("open/a.jpg")));
        try (Stream<Path> s = Files.list(dst.path("locked"))) {
            assertEquals(0, s.count(), "no file or temporary left in the locked folder");
        }
    }
}
