package io.filesync.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a script sees it: exit codes, the one sentence on stderr, and what is on disk after. */
class CliTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() > 1 && !all.contains("--help")) {
            all.add("--home");
            all.add(tmp.resolve("home").toString());
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = FileSyncCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Tree photos() {
        return Tree.at(tmp.resolve("src"))
                .file("2014/a.jpg", 3000, "2014-01-01T01:01:01.111111111Z")
                .file("2014/b.jpg", 4000, "2014-02-02T02:02:02.222222222Z")
                .file("2015/c.jpg", 5000, "2015-03-03T03:03:03.333333333Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"source missing", "destination missing", "source is a file", "same folder",
            "same folder through a link", "same folder with a trailing slash", "destination inside source",
            "source inside destination"})
    void eachBadFolderGivesExitTwoOneSentenceAndChangesNothing(String bad) throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Files.createDirectories(src.path("2014/inner"));
        Files.createSymbolicLink(tmp.resolve("link-to-src"), src.root());
        String s = src.root().toString(), d = dst.toString();
        String[] pair = switch (bad) {
            case "source missing" -> new String[]{tmp.resolve("nope").toString(), d};
            case "destination missing" -> new String[]{s, tmp.resolve("nope").toString()};
            case "source is a file" -> new String[]{src.path("2014/a.jpg").toString(), d};
            case "same folder" -> new String[]{s, s};
            case "same folder through a link" -> new String[]{s, tmp.resolve("link-to-src").toString()};
            case "same folder with a trailing slash" -> new String[]{s, s + "/"};
            case "destination inside source" -> new String[]{s, src.path("2014/inner").toString()};
            case "source inside destination" -> new String[]{src.path("2014").toString(), s};
            default -> throw new IllegalArgumentException(bad);
        };
        TreeMap<String, String> before = Tree.snapshot(tmp);
        for (String command : List.of("plan", "sync", "verify")) {
            Result r = command.equals("sync") ? run(command, pair[0], pair[1], "--yes") : run(command, pair[0], pair[1]);
            assertEquals(2, r.exit(), command + " " + bad + ": " + r.err());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one sentence: " + r.err());
            assertTrue(lines.getFirst().endsWith("."), lines.getFirst());
            assertEquals("", r.out(), "nothing else is printed");
        }
        TreeMap<String, String> after = Tree.snapshot(tmp);
        after.keySet().removeIf(k -> k.startsWith("home"));
        before.keySet().removeIf(k -> k.startsWith("home"));
        // The kernel moves a symbolic link's own access time whenever a path through it is resolved (cd and ls
        // do the same): a link given as a folder argument cannot be left as it was.
        after.computeIfPresent("link-to-src", (k, v) -> v.replaceAll(" a=\\S+", ""));
        before.computeIfPresent("link-to-src", (k, v) -> v.replaceAll(" a=\\S+", ""));
        assertEquals(before, after, "nothing was touched, access times included");
    }

    @Test
    void badUsageGivesExitTwo() {
        Tree src = photos();
        String s = src.root().toString(), d = tmp.toString();
        for (String[] args : List.of(new String[]{"sync", s, d, "--threads", "0", "--yes"},
                new String[]{"plan", s, d, "--match", "size"}, new String[]{"plan", s},
                new String[]{"plan", s, d, "--bogus"}, new String[]{"copy", s, d})) {
            Result r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().isBlank(), "says what is wrong");
        }
    }

    @Test
    void planJsonListsPendingFilesAndEveryCategoryAndAFifoDoesNotHangIt() throws Exception {
        Tree src = photos().file("2016/d.jpg", 6000, "2016-04-04T04:04:04Z").file("notes.txt", "v2", "2020-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).file("notes.txt", "version 1", "2019-01-01T00:00:00Z");
        Tree.run("cp", "-a", src.path("2014/a.jpg").toString(), Files.createDirectories(dst.path("2014")).toString());
        Files.createSymbolicLink(src.path("link.jpg"), src.path("2014/b.jpg"));
        Tree.run("mkfifo", src.path("pipe").toString());

        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> run("plan", src.root().toString(), dst.root().toString(), "--json"));
        assertEquals(0, r.exit(), r.err());
        JsonObject plan = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray pending = plan.getAsJsonArray("pending");
        List<String> paths = new ArrayList<>();
        long bytes = 0;
        for (var e : pending) {
            paths.add(e.getAsJsonObject().get("path").getAsString());
            bytes += e.getAsJsonObject().get("size").getAsLong();
        }
        assertEquals(List.of("2014/b.jpg", "2015/c.jpg", "2016/d.jpg"), paths);
        JsonObject summary = plan.getAsJsonObject("summary");
        assertEquals(3, summary.getAsJsonObject("pending").get("files").getAsInt());
        assertEquals(bytes, summary.getAsJsonObject("pending").get("bytes").getAsLong());
        assertEquals(15_000, bytes);
        assertEquals(1, summary.getAsJsonObject("present").get("files").getAsInt());
        assertEquals(1, summary.getAsJsonObject("differs").get("files").getAsInt());
        assertEquals(2, summary.getAsJsonObject("skipped").get("files").getAsInt(), "the link and the FIFO");
        assertEquals(0, summary.getAsJsonObject("conflict").get("files").getAsInt());
    }

    @Test
    void syncAsksForConfirmationAndWithoutATerminalRefusesUnlessYes() throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        TreeMap<String, String> sourceBefore = Tree.snapshot(src.root());

        Result refused = run("sync", src.root().toString(), dst.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(0, Tree.files(dst).size(), "nothing copied");

        Result done = run("sync", src.root().toString(), dst.toString(), "--yes");
        assertEquals(0, done.exit(), done.err());
        assertEquals(Tree.files(src.root()), Tree.files(dst));
        for (String rel : Tree.files(src.root()).keySet()) {
            assertEquals(Tree.times(src.path(rel)).modified(), Tree.times(dst.resolve(rel)).modified(), rel);
            assertEquals(Tree.times(src.path(rel)).accessed(), Tree.times(dst.resolve(rel)).accessed(), rel);
        }
        assertEquals(sourceBefore, Tree.snapshot(src.root()), "the source is as it was, access times included");

        Result again = run("sync", src.root().toString(), dst.toString());
        assertEquals(0, again.exit(), "nothing left to copy needs no confirmation");
        assertTrue(again.out().contains("Nothing to copy"), again.out());
    }

    @Test
    void aFileThatDiffersIsReportedAndNeverOverwritten() throws Exception {
        Tree src = photos();
        Tree dst = Tree.at(tmp.resolve("dst")).file("2014/a.jpg", "an older edit", "2013-01-01T00:00:00.5Z");
        TreeMap<String, String> before = Tree.snapshot(dst.root());

        Result plan = run("plan", src.root().toString(), dst.root().toString());
        assertTrue(plan.out().contains("2014/a.jpg"), plan.out());
        Result r = run("sync", src.root().toString(), dst.root().toString(), "--yes");
        assertEquals(0, r.exit(), r.err());
        TreeMap<String, String> after = Tree.snapshot(dst.root());
        assertEquals(before.get("2014/a.jpg"), after.get("2014/a.jpg"), "bytes and times untouched");
        assertTrue(after.containsKey("2015/c.jpg"));
    }

    @Test
    void verifySaysWhatIsWrongWithExitOne() throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        assertEquals(0, run("sync", src.root().toString(), dst.toString(), "--yes").exit());
        Result ok = run("verify", src.root().toString(), dst.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());

        // One byte changed with size and times kept; one file deleted.
        Path damaged = dst.resolve("2014/b.jpg");
        var times = Tree.times(damaged);
        byte[] b = Files.readAllBytes(damaged);
        b[100] ^= 1;
        Files.write(damaged, b);
        Tree.setTimes(damaged, times.modified(), times.accessed());
        Files.delete(dst.resolve("2015/c.jpg"));

        Result bad = run("verify", src.root().toString(), dst.toString());
        assertEquals(1, bad.exit());
        String all = bad.out() + bad.err();
        assertTrue(all.contains("2014/b.jpg") && all.contains("content"), all);
        assertTrue(all.contains("2015/c.jpg") && all.contains("missing"), all);
        assertFalse(all.contains("2014/a.jpg"), "a good copy is not listed: " + all);
    }

    @Test
    void helpAndVersion() {
        Result help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("plan") && help.out().contains("sync") && help.out().contains("verify"));
        assertTrue(help.out().contains("Exit codes"), help.out());
        Result version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("FileSync "), version.out());
        Result syncHelp = run("sync", "--help");
        assertEquals(0, syncHelp.exit());
        assertTrue(syncHelp.out().contains("--threads"), syncHelp.out());
    }
}
