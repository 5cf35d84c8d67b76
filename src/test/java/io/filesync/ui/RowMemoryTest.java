package io.filesync.ui;

import io.filesync.engine.FilesyncHome;
import io.filesync.engine.SyncEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 19's million-row window at a reduced scale: how much live heap each row of a compared plan holds (the plan's
 * entry, the row, the table's lists behind it: the rows and the filtered rows the table shows), read by the JVM's own class histogram ({@code jcmd GC.class_histogram},
 * which collects first and counts every live object), before the compare and after its rows are in the table. It
 * fails if a row comes to hold twice what it does today; bench/README.md has the figures at 1,000,000 rows.
 */
class RowMemoryTest {
    private static final int FOLDERS = 20;
    private static final int PER_FOLDER = 1_000;
    /**
     * Just under twice the live bytes a row held when this was written, 237–238 (paths like the million-file bench's,
     * {@code d0001/f0001.txt}; 513 before issue 19): see bench/README.md, "Issue 19".
     */
    static final long LIMIT_BYTES_PER_ROW = 470;

    @TempDir
    Path tmp;

    @Test
    void aComparedRowHoldsLittleHeap() throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        assumeTrue(Files.isExecutable(jcmd), "no jcmd beside this JVM (" + jcmd + ") to read the heap with");
        Path src = tmp.resolve("src");
        for (int d = 0; d < FOLDERS; d++) {
            Path folder = Files.createDirectories(src.resolve(String.format("d%04d", d)));
            for (int f = 0; f < PER_FOLDER; f++) {
                Files.createFile(folder.resolve(String.format("f%04d.txt", f)));
            }
        }
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        SynchronousTaskExecutor executor = new SynchronousTaskExecutor();
        MainViewModel vm = new MainViewModel(new SyncEngine(new FilesyncHome(tmp.resolve("home"))), executor,
                Settings.NONE);
        vm.folders().sourceProperty().set(src.toString());
        vm.folders().destinationProperty().set(dst.toString());

        Map<String, long[]> before = histogram(jcmd);
        vm.compare();
        int rows = vm.table().rows().size();
        assertEquals(FOLDERS * PER_FOLDER + FOLDERS, rows, "every file and folder has a row");
        assertEquals(rows, vm.table().visibleRows().size(), "the table shows them all");
        Map<String, long[]> after = histogram(jcmd);

        long grown = after.get("Total")[1] - before.get("Total")[1];
        long perRow = grown / rows;
        assertTrue(perRow <= LIMIT_BYTES_PER_ROW, perRow + " bytes of live heap per row (limit "
                + LIMIT_BYTES_PER_ROW + "); grown most:\n" + grownMost(before, after, rows));
        System.out.println("RowMemoryTest: " + perRow + " bytes of live heap per row, " + rows + " rows;\n"
                + grownMost(before, after, rows));
    }

    /**
     * Class name → {instances, bytes}, and "Total", from {@code jcmd PID GC.class_histogram} (a full collection first).
     * jcmd writes to a file: this JVM is stopped while its histogram is written, so it could not read a pipe.
     */
    private Map<String, long[]> histogram(Path jcmd) throws IOException, InterruptedException {
        Path file = Files.createTempFile(tmp, "histogram", ".txt");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).redirectOutput(file.toFile()).start();
        int exit = p.waitFor();
        String out = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        Map<String, long[]> m = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(out);
        while (row.find()) {
            m.merge(row.group(3), new long[]{Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                    (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        }
        Matcher total = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(out);
        assertTrue(total.find(), out);
        m.put("Total", new long[]{Long.parseLong(total.group(1)), Long.parseLong(total.group(2))});
        return m;
    }

    /** The classes whose live bytes grew most, per row. */
    private static String grownMost(Map<String, long[]> before, Map<String, long[]> after, int rows) {
        List<String> lines = new ArrayList<>();
        after.entrySet().stream().filter(e -> !e.getKey().equals("Total"))
                .map(e -> Map.entry(e.getKey(), e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> lines.add(String.format("  %6.1f B/row  %s", (double) e.getValue() / rows, e.getKey())));
        return String.join("\n", lines);
    }
}
