package io.filesync.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large tree plans in bounded memory: the planner streams what is already backed up instead of holding it.
 * 100,000 files on each side are planned by a child JVM whose heap (16 MB) could not hold a list of them.
 * Runs on /dev/shm where there is one (creating files there is quick), else in the temp folder.
 */
class ScaleTest {
    private static final int FOLDERS = 500;
    private static final int PER_FOLDER = 200;
    private Path tmp;

    @AfterEach
    void clean() {
        if (tmp != null) {
            Tree.run("rm", "-rf", tmp.toString());
        }
    }

    @Test
    void aHundredThousandBackedUpFilesPlanInASixteenMegabyteHeap() throws Exception {
        Path shm = Path.of("/dev/shm");
        tmp = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                "filesync-scale");
        Path src = tmp.resolve("src");
        FileTime when = FileTime.from(Instant.parse("2012-03-04T05:06:07.123456789Z"));
        for (int d = 0; d < FOLDERS; d++) {
            Path folder = Files.createDirectories(src.resolve("album-" + d));
            for (int f = 0; f < PER_FOLDER; f++) {
                Path file = Files.createFile(folder.resolve("IMG_" + f + ".jpg"));
                Files.setLastModifiedTime(file, when);
            }
        }
        Path dst = tmp.resolve("dst");
        Tree.run("cp", "-a", src.toString(), dst.toString());
        // One more file in the source that the backup lacks.
        Files.writeString(src.resolve("album-7/new.jpg"), "new");

        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx16m",
                "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=io.filesync",
                "-p", System.getProperty("jdk.module.path"), "-m", "io.filesync/io.filesync.Main",
                "plan", src.toString(), dst.toString(), "--json", "--home", tmp.resolve("home").toString());
        Path out = tmp.resolve("out.json");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the plan did not finish in two minutes");
        assertEquals(0, p.exitValue(), Files.readString(err));

        JsonObject plan = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject summary = plan.getAsJsonObject("summary");
        assertEquals(FOLDERS * PER_FOLDER, summary.getAsJsonObject("present").get("files").getAsInt(), summary.toString());
        assertEquals(1, plan.getAsJsonArray("pending").size());
        assertEquals("album-7/new.jpg", plan.getAsJsonArray("pending").get(0).getAsJsonObject().get("path").getAsString());

        // The destination inventory (written by the scan's threads in chunks) lists every entry exactly once.
        List<String> lines = Files.readAllLines(tmp.resolve("home/destination-inventory.log"));
        List<String> paths = lines.subList(2, lines.size()).stream().map(l -> l.substring(l.lastIndexOf('\t') + 1))
                .sorted().toList();
        assertEquals(FOLDERS * PER_FOLDER + FOLDERS, paths.size(), "files and folders, one line each");
        assertEquals(paths.size(), new java.util.HashSet<>(paths).size(), "no line twice");
        assertTrue(paths.contains("album-499/IMG_199.jpg") && paths.contains("album-0"), paths.subList(0, 3).toString());
    }
}
