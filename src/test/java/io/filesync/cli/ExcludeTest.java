package io.filesync.cli;

import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --exclude} and {@code --exclude-junk} on a real tree, as a user checks them: what the plan lists as skipped
 * and why, what a sync leaves in the destination, that verify with the same exclusions finds nothing wrong; and
 * {@code plan --csv} read back by Python's csv module (an independent reader of RFC 4180).
 */
class ExcludeTest {
    @TempDir
    Path tmp;

    private Tree source() {
        return Tree.at(tmp.resolve("src"))
                .file("2009/IMG_0001.jpg", 1000, "2009-05-01T10:00:00Z")
                .file("2009/Thumbs.db", 100, "2009-05-01T10:00:00Z")
                .file("2009/.DS_Store", 100, "2009-05-01T10:00:00Z")
                .file("2009/raw/IMG_0001.CR2", 2000, "2009-05-01T10:00:00Z")
                .file("docs/report.docx", 500, "2010-01-01T00:00:00Z")
                .file("docs/~$report.docx", 10, "2010-01-01T00:00:00Z")
                .file("docs/notes.tmp", 10, "2010-01-01T00:00:00Z")
                .file("cache/a/b/c.bin", 10, "2010-01-01T00:00:00Z")
                .file("=HYPERLINK(x).txt", 10, "2010-01-01T00:00:00Z")
                .file("a, \"quoted\" name.txt", 10, "2010-01-01T00:00:00Z");
    }

    /** Category → path → reason, from {@code plan --json}. */
    private Map<String, Map<String, String>> plan(String... extra) {
        return Cli.plan(tmp.resolve("home"), tmp.resolve("src"), tmp.resolve("dst"), List.of("pending", "skipped"),
                extra);
    }

    @Test
    void excludedEntriesArePlannedAsSkippedWithTheirPatternAndNeverCopied() throws Exception {
        source();
        Files.createDirectories(tmp.resolve("dst"));
        Map<String, Map<String, String>> p = plan("--exclude", "*.tmp", "--exclude", "2009/raw", "--exclude",
                "cache/", "--exclude-junk");
        Map<String, String> skipped = p.get("skipped");
        assertEquals("excluded by *.tmp", skipped.get("docs/notes.tmp"), skipped.toString());
        assertEquals("excluded by 2009/raw", skipped.get("2009/raw"), skipped.toString());
        assertEquals("excluded by cache/", skipped.get("cache"), skipped.toString());
        assertEquals("excluded by Thumbs.db", skipped.get("2009/Thumbs.db"));
        assertEquals("excluded by .DS_Store", skipped.get("2009/.DS_Store"));
        assertEquals("excluded by ~$*", skipped.get("docs/~$report.docx"));
        assertFalse(skipped.keySet().stream().anyMatch(k -> k.startsWith("cache/") || k.startsWith("2009/raw/")),
                "an excluded folder is one entry; what it holds is not read: " + skipped);
        assertEquals(Map.of("2009/IMG_0001.jpg", "", "docs/report.docx", "", "=HYPERLINK(x).txt", "",
                "a, \"quoted\" name.txt", ""), p.get("pending"));

        Cli.Result sync = Cli.run(tmp.resolve("home"), "sync", tmp.resolve("src").toString(),
                tmp.resolve("dst").toString(), "--yes", "--exclude", "*.tmp", "--exclude", "2009/raw", "--exclude",
                "cache/", "--exclude-junk");
        assertEquals(0, sync.exit(), sync.err());
        assertEquals(List.of("", "2009", "2009/IMG_0001.jpg", "=HYPERLINK(x).txt", "a, \"quoted\" name.txt", "docs",
                "docs/report.docx"), List.copyOf(Tree.snapshot(tmp.resolve("dst")).keySet()));

        Cli.Result verify = Cli.run(tmp.resolve("home"), "verify", tmp.resolve("src").toString(),
                tmp.resolve("dst").toString(), "--exclude", "*.tmp", "--exclude", "2009/raw", "--exclude", "cache/",
                "--exclude-junk");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        Cli.Result verifyAll = Cli.run(tmp.resolve("home"), "verify", tmp.resolve("src").toString(),
                tmp.resolve("dst").toString());
        assertEquals(1, verifyAll.exit(), "without the exclusions the left-out files are missing: " + verifyAll.out());
    }

    @Test
    void aBadPatternIsBadUsageInOneSentence() {
        Cli.Result r = Cli.run(tmp.resolve("home"), "plan", tmp.toString(), tmp.resolve("x").toString(),
                "--exclude", "[abc");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("The exclusion pattern \"[abc\" has a [ without its ]."), r.err());
    }

    @Test
    void planCsvIsReadBackByPythonsCsvModule() throws Exception {
        source();
        Files.createDirectories(tmp.resolve("dst"));
        Cli.Result r = Cli.run(tmp.resolve("home"), "plan", tmp.resolve("src").toString(),
                tmp.resolve("dst").toString(), "--csv", "--exclude-junk");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("category,path,target,size,modified,reason\r\n"), r.out());
        Path csv = Files.writeString(tmp.resolve("plan.csv"), r.out(), StandardCharsets.UTF_8);
        Process py = new ProcessBuilder("python3", "-c", """
                import csv, sys
                rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
                for row in rows:
                    print(row['category'] + '|' + row['path'] + '|' + row['size'] + '|' + row['modified'] + '|'
                          + row['reason'])
                """, csv.toString()).redirectErrorStream(true).start();
        String read = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(py.waitFor(30, TimeUnit.SECONDS) && py.exitValue() == 0, read);
        List<String> lines = read.lines().toList();
        assertTrue(lines.contains("pending|2009/IMG_0001.jpg|1000|2009-05-01T10:00:00Z|"), read);
        assertTrue(lines.contains("pending|a, \"quoted\" name.txt|10|2010-01-01T00:00:00Z|"), read);
        assertTrue(lines.contains("pending|'=HYPERLINK(x).txt|10|2010-01-01T00:00:00Z|"),
                "a name a spreadsheet would run as a formula starts with ': " + read);
        assertTrue(lines.contains("skipped|2009/Thumbs.db|100|2009-05-01T10:00:00Z|excluded by Thumbs.db"), read);
        assertTrue(lines.contains("pending|2009||2009-05-01T10:00:00Z|") || lines.stream().anyMatch(
                l -> l.startsWith("pending|2009||")), "a folder has no size: " + read);
    }
}
