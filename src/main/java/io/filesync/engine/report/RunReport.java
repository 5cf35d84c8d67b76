package io.filesync.engine.report;

import com.google.gson.stream.JsonWriter;
import io.filesync.engine.CopyOutcome;
import io.filesync.engine.FilesyncHome;
import io.filesync.engine.Plan;
import io.filesync.engine.RunSummary;
import io.filesync.engine.UnsharedWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON run report, {@code reports/<time>-<pair id>.json} in the FileSync home: the pair, how the run ended,
 * the counts, and per file its outcome and which times were kept.
 */
public final class RunReport {
    public record FileRecord(String path, CopyOutcome outcome) {
    }

    private RunReport() {
    }

    public static Path write(FilesyncHome home, Plan plan, String runId, Instant started, RunSummary s,
                      List<FileRecord> files) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path file = home.reports().resolve(stamp + "-" + plan.pair().id() + "-" + runId + ".json");
        try (Writer out = PrivateFiles.writer(file, false); JsonWriter w = new JsonWriter(new UnsharedWriter(out))) {
            w.setIndent(" ");
            w.beginObject();
            w.name("source").value(plan.pair().source().toString());
            w.name("destination").value(plan.pair().destination().toString());
            w.name("runId").value(runId);
            w.name("started").value(started.toString());
            w.name("end").value(s.end().word());
            if (s.stopReason() != null) {
                w.name("stopReason").value(s.stopReason());
            }
            w.name("destinationVolume").value(plan.destinationVolume().sentence());
            w.name("summary").beginObject();
            w.name("copiedFiles").value(s.copied().files());
            w.name("copiedBytes").value(s.copied().bytes());
            w.name("foldersCreated").value(s.foldersCreated());
            w.name("failed").value(s.failed().size());
            w.name("left").value(s.left());
            w.name("creationTimeNotKept").value(s.creationNotKept());
            w.name("otherTimesNotKept").value(s.otherTimesNotKept());
            w.name("elapsedSeconds").value(s.elapsed().toMillis() / 1000.0);
            w.endObject();
            w.name("warnings").beginArray();
            for (String warning : s.warnings()) {
                w.value(warning);
            }
            w.endArray();
            w.name("files").beginArray();
            for (FileRecord r : files.stream().sorted(Comparator.comparing(FileRecord::path)).toList()) {
                w.beginObject();
                w.name("path").value(r.path());
                switch (r.outcome()) {
                    case CopyOutcome.Copied c -> {
                        w.name("outcome").value("copied");
                        w.name("bytes").value(c.bytes());
                        w.name("modified").value(c.times().modified().words());
                        w.name("accessed").value(c.times().accessed().words());
                        w.name("created").value(c.times().created().words());
                    }
                    case CopyOutcome.Failed f -> {
                        w.name("outcome").value("failed");
                        w.name("reason").value(f.reason());
                    }
                    case CopyOutcome.NotReplaced n -> {
                        w.name("outcome").value("not replaced");
                        w.name("reason").value(n.reason());
                    }
                }
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        return file;
    }
}
