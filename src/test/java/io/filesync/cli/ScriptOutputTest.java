package io.filesync.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --json}, {@code --quiet} and {@code --verbose} of sync and verify, as a script or a cron mail sees them. */
class ScriptOutputTest {
    /** The JSON objects' fields, in order: README documents them; a script relies on their names. */
    private static final List<String> SYNC_FIELDS = List.of("command", "exitCode", "exit", "source", "destination",
            "end", "copied", "foldersCreated", "failed", "left", "differ", "timesNotKept", "sourceAccessTimesPutBack",
            "destinationKeepsCreationTime", "warnings", "stopReason", "report", "error");
    private static final List<String> VERIFY_FIELDS = List.of("command", "exitCode", "exit", "source", "destination",
            "checked", "wrong", "notes", "error");

    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", tmp.resolve("home").toString()));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = FileSyncCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path photos() throws Exception {
        Tree.at(tmp.resolve("src"))
                .file("2014/a.jpg", 3000, "2014-01-01T01:01:01.111111111Z")
                .file("2014/b.jpg", 4000, "2014-02-02T02:02:02.222222222Z")
                .file("2015/c.jpg", 5000, "2015-03-03T03:03:03.333333333Z");
        Files.createDirectories(tmp.resolve("dst"));
        return tmp.resolve("src");
    }

    /** Stdout is exactly one JSON object (JsonParser rejects anything before or after it). */
    private static JsonObject json(Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    @Test
    void syncJsonIsTheOnlyThingOnStdoutWithCountsReportAndExitMeaning() throws Exception {
        Path src = photos();
        Result r = run("sync", src.toString(), tmp.resolve("dst").toString(), "--yes", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject o = json(r);
        assertEquals(SYNC_FIELDS, List.copyOf(o.keySet()));
        assertEquals("sync", o.get("command").getAsString());
        assertEquals(0, o.get("exitCode").getAsInt());
        assertEquals("done", o.get("exit").getAsString());
        assertEquals("completed", o.get("end").getAsString());
        assertEquals(3, o.getAsJsonObject("copied").get("files").getAsLong());
        assertEquals(12000, o.getAsJsonObject("copied").get("bytes").getAsLong());
        assertEquals(List.of("creation", "modifiedOrAccessed"), List.copyOf(o.getAsJsonObject("timesNotKept").keySet()));
        assertEquals(0, o.getAsJsonArray("failed").size());
        assertEquals(0, o.get("left").getAsLong());
        assertTrue(Files.isRegularFile(Path.of(o.get("report").getAsString())), o.toString());
        assertTrue(o.get("error").isJsonNull());
        assertTrue(r.err().contains("Done: the destination has every file."), "the sentences go to stderr: " + r.err());

        Result again = run("sync", src.toString(), tmp.resolve("dst").toString(), "--json");
        assertEquals(0, again.exit(), again.err());
        assertEquals("nothing to copy", json(again).get("end").getAsString());
        assertEquals(SYNC_FIELDS, List.copyOf(json(again).keySet()));
    }

    @Test
    void syncJsonSaysBadUsageWithItsSentenceForBadFoldersAndForABadCommandLine() throws Exception {
        Path src = photos();
        Result missing = run("sync", tmp.resolve("nowhere").toString(), tmp.resolve("dst").toString(), "--yes",
                "--json");
        assertEquals(2, missing.exit());
        JsonObject o = json(missing);
        assertEquals(SYNC_FIELDS, List.copyOf(o.keySet()));
        assertEquals("bad usage", o.get("exit").getAsString());
        assertEquals("not started", o.get("end").getAsString());
        assertFalse(o.get("error").getAsString().isBlank());

        Result badOption = run("sync", src.toString(), tmp.resolve("dst").toString(), "--json", "--threads", "many");
        assertEquals(2, badOption.exit());
        assertEquals("bad usage", json(badOption).get("exit").getAsString());
        assertTrue(json(badOption).get("error").getAsString().contains("many"), badOption.out());
    }

    @Test
    void verifyJsonListsEachWrongCopyWithItsPathAndReason() throws Exception {
        Path src = photos();
        Path dst = tmp.resolve("dst");
        assertEquals(0, run("sync", src.toString(), dst.toString(), "--yes").exit());
        Result ok = run("verify", src.toString(), dst.toString(), "--json");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(VERIFY_FIELDS, List.copyOf(json(ok).keySet()));
        assertEquals(3, json(ok).get("checked").getAsLong());
        assertEquals("done", json(ok).get("exit").getAsString());

        Files.delete(dst.resolve("2015/c.jpg"));
        Result bad = run("verify", src.toString(), dst.toString(), "--json");
        assertEquals(1, bad.exit());
        JsonObject o = json(bad);
        assertEquals("some failed", o.get("exit").getAsString());
        assertEquals(1, o.getAsJsonArray("wrong").size());
        JsonObject wrong = o.getAsJsonArray("wrong").get(0).getAsJsonObject();
        assertEquals("2015/c.jpg", wrong.get("path").getAsString());
        assertTrue(wrong.get("reason").getAsString().contains("missing"), wrong.toString());
        assertTrue(bad.err().contains("WRONG  2015/c.jpg"), "the sentences go to stderr: " + bad.err());
    }

    @Test
    void quietSyncPrintsOnlyTheFinalLine() throws Exception {
        Path src = photos();
        Result r = run("sync", src.toString(), tmp.resolve("dst").toString(), "--yes", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Done: the destination has every file."), r.out().lines().toList());
        assertEquals("", r.err());
        assertEquals(3, Tree.files(tmp.resolve("dst")).size());
    }

    @Test
    void quietVerifyPrintsTheWrongCopiesAndTheFinalLineOnly() throws Exception {
        Path src = photos();
        Path dst = tmp.resolve("dst");
        assertEquals(0, run("sync", src.toString(), dst.toString(), "--yes", "-q").exit());
        Files.delete(dst.resolve("2015/c.jpg"));
        Result r = run("verify", src.toString(), dst.toString(), "-q");
        assertEquals(1, r.exit());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("WRONG  2015/c.jpg"), r.out());
        assertEquals("1 problem(s) among 3 files.", lines.get(1));
    }

    @Test
    void verboseSyncPrintsALinePerFileAsTheLogHasIt() throws Exception {
        Path src = photos();
        Result r = run("sync", src.toString(), tmp.resolve("dst").toString(), "--yes", "--verbose");
        assertEquals(0, r.exit(), r.err());
        for (String line : List.of("copied 2014/a.jpg (3000 bytes; ", "copied 2014/b.jpg (4000 bytes; ",
                "copied 2015/c.jpg (5000 bytes; ")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(line)), line + " in:\n" + r.out());
        }
        String log = Files.readString(tmp.resolve("home/filesync.log"));
        assertTrue(log.contains("copied 2014/a.jpg (3000 bytes; "), "the same words as the log: " + log);
        assertTrue(r.out().contains("Report:"), "and the usual summary: " + r.out());
    }

    @Test
    void quietAndVerboseTogetherAreBadUsage() throws Exception {
        Path src = photos();
        Result r = run("sync", src.toString(), tmp.resolve("dst").toString(), "--yes", "-q", "-v");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--quiet and --verbose"), r.err());
        assertEquals(0, Tree.files(tmp.resolve("dst")).size(), "nothing copied");
    }
}
