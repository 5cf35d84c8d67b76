package io.filesync.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.filesync.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code plan --json}, whose entries are written in one piece each (PlanPrinter): read back by Gson's own parser,
 * every name comes back as it is on disk, escaped where JSON needs it, and the document is laid out exactly as Gson's
 * pretty printer lays out the same values.
 */
class PlanJsonTest {
    @TempDir
    Path tmp;

    @Test
    void namesThatNeedEscapingComeBackAsTheyAreAndTheLayoutIsGsons() throws Exception {
        List<String> names = List.of("plain.jpg", "say \"cheese\".jpg", "back\\slash.jpg", "tab\there.jpg",
                "new\nline.jpg", "line\u2028separator.jpg", "caf\u00e9 \u65e5\u672c.jpg", "</script>&=.jpg");
        Tree src = Tree.at(tmp.resolve("src"));
        for (String n : names) {
            src.file("a/" + n, "x", "2020-01-02T03:04:05Z");
        }
        Files.createSymbolicLink(src.path("a/link \"q\""), Path.of("plain.jpg"));
        Path dst = Files.createDirectories(tmp.resolve("dst"));

        Cli.Result r = Cli.run(tmp.resolve("home"), "plan", src.root().toString(), dst.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        Set<String> pending = new TreeSet<>();
        for (JsonElement e : json.getAsJsonArray("pending")) {
            pending.add(e.getAsJsonObject().get("path").getAsString());
            assertEquals(1, e.getAsJsonObject().get("size").getAsLong());
        }
        assertEquals(new TreeSet<>(names.stream().map(n -> "a/" + n).toList()), pending);
        JsonObject skipped = json.getAsJsonArray("skipped").get(0).getAsJsonObject();
        assertEquals("a/link \"q\"", skipped.get("path").getAsString());
        assertEquals("symbolic link: links are not followed or copied", skipped.get("reason").getAsString());

        String gsons = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
        assertEquals(gsons, r.out().strip());
    }
}
