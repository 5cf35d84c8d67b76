package io.filesync.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    private Result sync(Path src, Path dst, String... more) {
        List<String> args = new ArrayList<>(List.of("sync", src.toString(), dst.toString(), "--yes"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code plan --json}, checked to finish (a FIFO must not hang it) with exit 0, parsed. */
    private JsonObject planJson(Path src, Path dst, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", src.toString(), dst.toString(), "--json"));
        args.addAll(List.of(more));
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(args.toArray(String[]::new)));
        assertEquals(0, r.exit(), r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    /** The paths a JSON plan lists under "pending", "differs", "skipped" or "conflict". */
    private static List<String> paths(JsonObject plan, String category) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : plan.getAsJsonArray(category)) {
            out.add(e.getAsJsonObject().get("path").getAsString());
        }
        return out;
    }

    private static String reasons(JsonObject plan, String category) {
        return plan.getAsJsonArray(category).toString();
    }

    private static long summary(JsonObject plan, String category, String what) {
        return plan.getAsJsonObject("summary").getAsJsonObject(category).get(what).getAsLong();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every entry below the two roots alike: kind, size, bytes, modification and access time to the nanosecond. */
    private static void assertSameTree(Path src, Path dst) {
        TreeMap<String, String> expected = Tree.snapshot(src), actual = Tree.snapshot(dst);
        expected.remove("");
        actual.remove("");
        assertEquals(expected, actual);
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
                new String[]{"plan", s, d, "--match", "size"}, new String[]{"plan", s, d, "--match", "foo"},
                new String[]{"plan", s},
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
        assertEquals(3000, summary(plan, "present", "bytes"));
        assertEquals(List.of("notes.txt"), paths(plan, "differs"));
        assertEquals(2, summary(plan, "differs", "bytes"), "the source file's size");
        assertEquals(List.of("link.jpg", "pipe"), paths(plan, "skipped").stream().sorted().toList());
        assertTrue(reasons(plan, "skipped").contains("symbolic link"), reasons(plan, "skipped"));
        assertTrue(reasons(plan, "skipped").toLowerCase().contains("fifo"), reasons(plan, "skipped"));
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

    @ParameterizedTest
    @ValueSource(strings = {"another size", "same size, another time", "same bytes, one nanosecond later"})
    void aFileThatDiffersIsReportedAndNeverOverwritten(String how) throws Exception {
        Tree src = photos();
        Tree dst = Tree.at(tmp.resolve("dst"));
        Instant m = Tree.times(src.path("2014/a.jpg")).modified();
        switch (how) {
            case "another size" -> dst.file("2014/a.jpg", "an older edit", "2013-01-01T00:00:00.5Z");
            case "same size, another time" -> dst.file("2014/a.jpg", Tree.bytes("edit", 3000), m.plusSeconds(1),
                    m.plusSeconds(7));
            case "same bytes, one nanosecond later" -> dst.file("2014/a.jpg", Tree.bytes("2014/a.jpg", 3000),
                    m.plusNanos(1), m.plusSeconds(7));
            default -> throw new IllegalArgumentException(how);
        }
        TreeMap<String, String> before = Tree.snapshot(dst.root());

        Result plan = run("plan", src.root().toString(), dst.root().toString());
        assertTrue(plan.out().contains("2014/a.jpg"), plan.out());
        assertTrue(plan.out().lines().anyMatch(l -> l.startsWith("differs") && l.contains("2014/a.jpg")), plan.out());
        JsonObject json = planJson(src.root(), dst.root());
        assertEquals(List.of("2014/a.jpg"), paths(json, "differs"));
        assertEquals(List.of("2014/b.jpg", "2015/c.jpg"), paths(json, "pending"));
        Result r = run("sync", src.root().toString(), dst.root().toString(), "--yes");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().strip().endsWith("Done: every file to copy was copied; 1 file in the destination differs"
                + " from the source and was left as it is: `filesync verify " + src.root() + " " + dst.root()
                + "` lists it."), r.out());
        Result again = run("sync", src.root().toString(), dst.root().toString(), "--yes");
        assertTrue(again.out().strip().endsWith("Nothing to copy; 1 file in the destination differs from the source and"
                + " was left as it is: `filesync verify " + src.root() + " " + dst.root() + "` lists it."), again.out());
        assertFalse(again.out().contains("every file"), again.out());
        TreeMap<String, String> after = Tree.snapshot(dst.root());
        assertEquals(before.get("2014/a.jpg"), after.get("2014/a.jpg"), "bytes and times untouched");
        assertTrue(after.containsKey("2015/c.jpg"));
        assertEquals(List.of("a.jpg", "b.jpg"), names(dst.path("2014")), "no temporary or second copy beside it");
    }

    @Test
    void aCopyEmptiedAfterTheRunIsShownAsDamagedByPlanAndRepairedBySync() throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        assertEquals(0, run("sync", src.root().toString(), dst.toString(), "--yes").exit());
        Files.write(dst.resolve("2015/c.jpg"), new byte[0]); // as a lost device can leave a copy

        Result plan = run("plan", src.root().toString(), dst.toString());
        assertTrue(plan.out().contains("Damaged:     1 file that an interrupted run left incomplete under its name;"
                + " sync moves it aside (never deleting it) and copies it again."), plan.out());
        assertTrue(plan.out().contains("FileSync's own copy from an interrupted run is damaged (0 of 5000 bytes)"),
                plan.out());
        assertEquals(List.of("2015/c.jpg"), paths(planJson(src.root(), dst), "pending"));
        Result sync = run("sync", src.root().toString(), dst.toString(), "--yes");
        assertEquals(0, sync.exit(), sync.err());
        assertTrue(sync.err().contains("1 file that an interrupted run had left damaged under its name was moved"
                + " aside as NAME.filesync-damaged-"), sync.err());
        assertTrue(sync.out().contains("Done: the destination has every file."), sync.out());
        assertEquals(2, names(dst.resolve("2015")).size(), "the copy and the damaged one beside it: "
                + names(dst.resolve("2015")));
        assertEquals(0, run("verify", src.root().toString(), dst.toString()).exit());
    }

    @Test
    void verifySaysWhatIsWrongWithExitOne() throws Exception {
        Tree src = photos().file("2016/d.jpg", 6000, "2016-04-04T04:04:04Z");
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
        Path truncated = dst.resolve("2016/d.jpg");
        var truncatedTimes = Tree.times(truncated);
        try (var ch = java.nio.channels.FileChannel.open(truncated, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        Tree.setTimes(truncated, truncatedTimes.modified(), truncatedTimes.accessed());

        Result bad = run("verify", src.root().toString(), dst.toString());
        assertEquals(1, bad.exit());
        String all = bad.out() + bad.err();
        assertTrue(all.contains("2014/b.jpg") && all.contains("content"), all);
        assertTrue(all.contains("2015/c.jpg") && all.contains("missing"), all);
        assertTrue(all.lines().anyMatch(l -> l.contains("2016/d.jpg") && l.contains("1000 bytes")), all);
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

    @Test
    void noCommandSaysToNameOneWithExitTwo() {
        Result r = run();
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("Name a command: plan, sync or verify.", r.err().lines().findFirst().orElse(""), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aScriptWithStdinFromDevNullIsRefusedWithoutYesAndCopiesWithIt() throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        Result refused = runChild("sync", src.root().toString(), dst.toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(List.of(), names(dst), "nothing copied, no temporary");

        Result done = runChild("sync", src.root().toString(), dst.toString(), "--yes");
        assertEquals(0, done.exit(), done.out() + done.err());
        assertSameTree(src.root(), dst);
    }

    /** The real launcher's entry point in a child JVM, stdin from /dev/null and no terminal, as cron runs it. */
    @Test
    void oneFileIsCountedAsOne() throws Exception {
        Tree src = Tree.at(tmp.resolve("one")).file("a.jpg", 10, "2014-01-01T01:01:01.111111111Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Result r = run("sync", src.root().toString(), dst.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Copied:      1 file (10 B)"), r.out());
        // Linux file systems other than NTFS cannot take a creation time (the test folders are on one of them).
        // PortableFileOps on Linux reads no birth time, so there is none to keep.
        assertTrue(Boolean.getBoolean("filesync.portableFileOps")
                || r.out().contains("Creation:    not kept on 1 file or folder by the file system"), r.out());
    }

    @Test
    void theWindowWithNoDisplaySaysSoInOneSentenceWithExitTwo() throws Exception {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=io.filesync,javafx.graphics", "-p", System.getProperty("jdk.module.path"),
                "-m", "io.filesync/io.filesync.Main");
        Path out = tmp.resolve("window.out"), err = tmp.resolve("window.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("HOME", tmp.resolve("home").toString()); // the window reads its settings from HOME
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        String said = Files.readString(err);
        assertEquals(2, p.exitValue(), said);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("The window cannot open: there is no display"), said);
        assertTrue(said.contains("filesync plan|sync|verify"), said);
        assertEquals("", Files.readString(out));
    }

    private Result runChild(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=io.filesync", "-p", System.getProperty("jdk.module.path"),
                "-Dfilesync.portableFileOps=" + Boolean.getBoolean("filesync.portableFileOps"),
                "-m", "io.filesync/io.filesync.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", tmp.resolve("home").toString()));
        Path out = tmp.resolve("child.out"), err = tmp.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void matchByNameFindsFilesOfAReorganisedBackupPresent() throws Exception {
        Tree src = photos();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Tree.run("cp", "-a", src.path("2014/a.jpg").toString(),
                Files.createDirectories(dst.resolve("albums/summer")).toString());
        Tree.run("cp", "-a", src.path("2014/b.jpg").toString(),
                Files.createDirectories(dst.resolve("misc")).toString());

        JsonObject byPath = planJson(src.root(), dst);
        assertEquals(3, summary(byPath, "pending", "files"), "by path the reorganised files are not found");
        JsonObject byName = planJson(src.root(), dst, "--match", "name");
        assertEquals("name", byName.get("match").getAsString());
        assertEquals(List.of("2015/c.jpg"), paths(byName, "pending"));
        assertEquals(2, summary(byName, "present", "files"));
        assertEquals(7000, summary(byName, "present", "bytes"));
        assertEquals(0, summary(byName, "conflict", "files"));

        Result r = sync(src.root(), dst, "--match", "name");
        assertEquals(0, r.exit(), r.err());
        // The source's folders are pending in name mode too (PlanTest), so an empty 2014 may appear: files matter.
        assertEquals(List.of("2015/c.jpg", "albums/summer/a.jpg", "misc/b.jpg"),
                List.copyOf(Tree.files(dst).keySet()), "nothing copied again into 2014");
    }

    @Test
    void matchByNameMakesSourceFilesSharingANameConflictsAndCopiesNeither() throws Exception {
        Tree src = photos().file("2015/a.jpg", 2000, "2015-05-05T05:05:05.5Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        JsonObject plan = planJson(src.root(), dst, "--match", "name");
        assertEquals(List.of("2014/a.jpg", "2015/a.jpg"), paths(plan, "conflict").stream().sorted().toList());
        assertEquals(2, summary(plan, "conflict", "files"));
        assertEquals(5000, summary(plan, "conflict", "bytes"));
        assertTrue(reasons(plan, "conflict").contains("a.jpg"), reasons(plan, "conflict"));
        assertEquals(List.of("2014/b.jpg", "2015/c.jpg"), paths(plan, "pending"));
        Result text = run("plan", src.root().toString(), dst.toString(), "--match", "name");
        assertTrue(text.out().contains("Conflicts:   2 files"), text.out());

        Result r = sync(src.root(), dst, "--match", "name");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("2014/b.jpg", "2015/c.jpg"), List.copyOf(Tree.files(dst).keySet()),
                "neither conflict is copied");
    }

    @Test
    void unicodeLongAndSixtyLevelDeepNamesAreCopiedWithBytesAndTimes() throws Exception {
        String long200 = "\u00e9".repeat(98) + ".jpg";
        assertEquals(200, long200.getBytes(StandardCharsets.UTF_8).length);
        String deep = String.join("/", Collections.nCopies(60, "level")) + "/deep.jpg";
        Instant t = Instant.parse("2011-11-11T11:11:11.123456789Z");
        Tree src = Tree.at(tmp.resolve("src"))
                .file("names/caf\u00e9.jpg", Tree.bytes("nfc", 1500), t, t.plusNanos(1))
                .file("names/cafe\u0301.jpg", Tree.bytes("nfd", 1600), t.plusNanos(2), t.plusNanos(3))
                .file("names/\u65e5\u672c \ud83d\udcf7.jpg", Tree.bytes("cjk", 1700), t.plusNanos(4),
                        t.plusNanos(5))
                .file("names/" + long200, Tree.bytes("long", 1800), t.plusNanos(6), t.plusNanos(7))
                .file(deep, Tree.bytes("deep", 1900), t.plusNanos(8), t.plusNanos(9));
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        TreeMap<String, String> sourceBefore = Tree.snapshot(src.root());

        assertEquals(5, summary(planJson(src.root(), dst), "pending", "files"));
        Result r = sync(src.root(), dst);

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(5, Tree.files(dst).size(), "NFC and NFD stay two files: " + Tree.files(dst).keySet());
        assertSameTree(src.root(), dst);
        assertEquals(sourceBefore, Tree.snapshot(src.root()), "the source is as it was, access times included");
        assertEquals(0, run("verify", src.root().toString(), dst.toString()).exit());
    }

    @Test
    void aDestinationFolderThatIsALinkElsewhereIsNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere-outside"));
        Tree src = photos().file("photos/a.jpg", 100, "2010-01-01T00:00:00Z").file("photos/deeper/b.jpg", 100,
                "2010-01-01T00:00:00Z");
        Tree dst = Tree.at(tmp.resolve("dst")).symlink("photos", elsewhere.toString());

        JsonObject plan = planJson(src.root(), dst.root());
        assertTrue(paths(plan, "skipped").contains("photos"), reasons(plan, "skipped"));
        assertTrue(paths(plan, "pending").stream().noneMatch(p -> p.startsWith("photos/")),
                paths(plan, "pending").toString());
        Result r = sync(src.root(), dst.root());

        assertEquals(List.of(), names(elsewhere), "nothing written through the link: " + r.out() + r.err());
        assertTrue(Files.isSymbolicLink(dst.path("photos")));
        assertEquals(elsewhere, Files.readSymbolicLink(dst.path("photos")));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.exists(dst.path("2015/c.jpg")), "the rest is copied");
    }

    @Test
    void filesThatCannotBeWrittenAreEachListedWithExitOneAsRootThroughAReadOnlyBindMount() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("Skipping: a read-only bind mount inside the destination needs root.");
        }
        assumeTrue(root, "needs root to bind-mount a destination folder read-only");
        Tree src = photos().file("locked/x.jpg", 100, "2010-01-01T00:00:00Z").file("locked/y.jpg", 200,
                "2010-01-01T00:00:00Z");
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        Path locked = Files.createDirectories(dst.resolve("locked"));
        Tree.run("mount", "--bind", locked.toString(), locked.toString());
        Result r;
        try {
            Tree.run("mount", "-o", "remount,bind,ro", locked.toString());
            r = sync(src.root(), dst);
            assertEquals(List.of(), names(locked), "no file or temporary left in the read-only folder");
        } finally {
            Tree.run("umount", locked.toString());
        }

        assertEquals(1, r.exit(), r.out() + r.err());
        for (String failed : List.of("locked/x.jpg", "locked/y.jpg")) {
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("Failed:") && l.contains(failed)), r.err());
        }
        assertTrue(r.err().toLowerCase().contains("read-only"), r.err());
        assertTrue(r.err().contains("2 files failed"), r.err());
        TreeMap<String, Long> others = Tree.files(src.root());
        others.keySet().removeIf(k -> k.startsWith("locked/"));
        assertEquals(others, Tree.files(dst), "the other files are copied");

        Result again = sync(src.root(), dst);
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals(Tree.files(src.root()), Tree.files(dst), "a second run copies the files that failed");
    }
}
