package io.filesync.cli;

import com.google.gson.stream.JsonWriter;
import io.filesync.engine.Plan;
import io.filesync.engine.RunSummary;
import io.filesync.engine.VerifyResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one JSON object {@code sync --json} and {@code verify --json} print last, for scripts. Every field is always
 * present (zero, empty or null when the run did not get that far), so a script can read it without checking;
 * README ("Command line") lists the fields and CliTest holds their names.
 */
final class ResultJson {
    private ResultJson() {
    }

    /**
     * @param end     "completed", "cancelled", "stopped", "internal error", "nothing to copy" or "not started"
     * @param plan    null when the folders were not scanned
     * @param summary null when nothing was copied
     * @param error   the sentence that ended the run early, or null
     */
    static void sync(PrintWriter out, int exitCode, String end, FolderArgs folders, Plan plan, RunSummary summary,
                     String error) {
        write(out, w -> {
            head(w, "sync", exitCode, folders);
            w.name("end").value(end);
            w.name("copied").beginObject().name("files").value(summary == null ? 0 : summary.copied().files())
                    .name("bytes").value(summary == null ? 0 : summary.copied().bytes()).endObject();
            w.name("foldersCreated").value(summary == null ? 0 : summary.foldersCreated());
            w.name("failed").beginArray();
            for (RunSummary.Failure f : summary == null ? List.<RunSummary.Failure>of() : summary.failed()) {
                w.beginObject().name("path").value(f.path()).name("reason").value(f.reason()).endObject();
            }
            w.endArray();
            w.name("left").value(summary == null ? plan == null ? 0 : plan.summary().pending().files()
                    : summary.left());
            w.name("differ").value(plan == null ? 0 : plan.summary().differs().files());
            w.name("timesNotKept").beginObject()
                    .name("creation").value(summary == null ? 0 : summary.creationNotKept())
                    .name("modifiedOrAccessed").value(summary == null ? 0 : summary.otherTimesNotKept()).endObject();
            w.name("sourceAccessTimesPutBack").value(summary == null ? 0 : summary.sourceAccessPutBack());
            w.name("destinationKeepsCreationTime");
            if (plan == null) {
                w.nullValue();
            } else {
                w.value(plan.destinationVolume().holdsCreationTime());
            }
            w.name("warnings").beginArray();
            for (String s : summary == null ? plan == null ? List.<String>of() : plan.warnings() : summary.warnings()) {
                w.value(s);
            }
            w.endArray();
            w.name("stopReason").value(summary == null ? null : summary.stopReason());
            w.name("report").value(summary == null || summary.report() == null ? null : summary.report().toString());
            w.name("error").value(error);
        });
    }

    /** @param result null when the check did not finish */
    static void verify(PrintWriter out, int exitCode, FolderArgs folders, VerifyResult result, String error) {
        write(out, w -> {
            head(w, "verify", exitCode, folders);
            w.name("checked").value(result == null ? 0 : result.checked());
            w.name("wrong").beginArray();
            for (VerifyResult.Problem p : result == null ? List.<VerifyResult.Problem>of() : result.problems()) {
                w.beginObject().name("path").value(p.path()).name("reason").value(p.what()).endObject();
            }
            w.endArray();
            w.name("notes").beginArray();
            for (String n : result == null ? List.<String>of() : result.notes()) {
                w.value(n);
            }
            w.endArray();
            w.name("error").value(error);
        });
    }

    /** What an exit code means, as README and {@code --help} say it. */
    static String meaning(int exitCode) {
        return switch (exitCode) {
            case ExitCode.DONE -> "done";
            case ExitCode.SOME_FAILED -> "some failed";
            case ExitCode.BAD_USAGE -> "bad usage";
            case ExitCode.CANCELLED -> "cancelled or stopped";
            case ExitCode.INTERNAL_ERROR -> "internal error";
            default -> "unknown";
        };
    }

    private static void head(JsonWriter w, String command, int exitCode, FolderArgs folders) throws IOException {
        w.name("command").value(command);
        w.name("exitCode").value(exitCode);
        w.name("exit").value(meaning(exitCode));
        w.name("source").value(folders == null || folders.source() == null ? null : folders.source().toString());
        w.name("destination").value(folders == null || folders.destination() == null ? null
                : folders.destination().toString());
    }

    private interface Body {
        void write(JsonWriter w) throws IOException;
    }

    private static void write(PrintWriter out, Body body) {
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.setSerializeNulls(true);
            w.beginObject();
            body.write(w);
            w.endObject();
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a PrintWriter does not throw; JsonWriter only says it might
        }
        out.println();
        out.flush();
    }
}
