package io.filesync.cli;

import io.filesync.engine.AlreadyRunningException;
import io.filesync.engine.BadFoldersException;
import io.filesync.engine.CancelledException;
import io.filesync.engine.Plan;
import io.filesync.engine.PlanEntry;
import io.filesync.engine.RunControl;
import io.filesync.engine.RunSummary;
import io.filesync.engine.SourceAccess;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.SyncListener;
import io.filesync.engine.SyncOptions;
import io.filesync.engine.SyncPair;
import io.filesync.engine.Units;
import io.filesync.engine.VolumeInfo;
import io.filesync.files.CreationTimeStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

final class SyncCommand implements Callable<Integer> {
    final CommandSpec spec = Model.command(this, "sync",
            "Copy every file the destination is missing, keeping its times; then report. Asks to type"
                    + " Confirm (or c) first, unless --yes. Ctrl-C stops cleanly; run again to resume.");

    SyncCommand() {
        Model.addFolders(spec);
        MatchOption.addTo(spec);
        ExcludeOption.addTo(spec);
        spec.addOption(Model.flag(new String[]{"-y", "--yes"},
                "Do not ask for confirmation (for scripts and scheduled runs)."));
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(Integer.class)
                .description("Files copied at once (default: " + SyncOptions.DEFAULT_THREADS_RULE + ").").build());
        spec.addOption(Model.flag(new String[]{"--verify"}, "Read source and copy back and compare SHA-256 checksums"
                + " before publishing each copy (slower: every byte is read twice more)."));
        spec.addOption(Model.flag(new String[]{"--fsync"}, "Flush every copy to the device on its own before it gets its name."
                + " Copies always reach the device before their names; by default one flush of the whole volume per"
                + " batch does it where the volume allows (FUSE volumes such as NTFS and exFAT flush each copy anyway)."));
        Output.addTo(spec, true, "counts, each failure with its reason, which times were not kept, the report's path");
    }

    @Override
    public Integer call() {
        Output o = Output.of(spec);
        FolderArgs folders = Model.folders(spec);
        Run run = new Run(o, folders);
        Integer asked = spec.findOption("--threads").getValue();
        int threads = asked == null ? SyncOptions.BY_DESTINATION : asked;
        boolean verify = Model.isSet(spec, "--verify");
        boolean fsync = Model.isSet(spec, "--fsync");
        if (asked != null && (asked < 1 || asked > 64)) {
            return run.fail(ExitCode.BAD_USAGE, "--threads must be between 1 and 64.");
        }
        if (o.quiet() && o.verbose()) {
            return run.fail(ExitCode.BAD_USAGE, "--quiet and --verbose cannot be used together: choose one.");
        }
        RunControl control = new RunControl();
        Interrupts onCtrlC = Interrupts.cancelOnCtrlC(control);
        try (onCtrlC) {
            SyncPair pair = folders.pair();
            pair.requireWritableDestination();
            SyncEngine engine = new SyncEngine(folders.filesyncHome());
            Plan plan = engine.plan(pair, MatchOption.of(spec), ExcludeOption.of(spec),
                    o.quiet() ? SyncListener.NONE : Progress.scanning(o.err()), control);
            run.plan = plan;
            if (!o.quiet()) {
                PlanPrinter.summary(plan, o.human());
            }
            List<PlanEntry> pending = plan.pending();
            if (!plan.hasWork()) {
                o.human().println("Nothing to copy" + (plan.summary().differs().files() == 0
                        ? ": the destination has every file." : "; " + differ(plan)));
                return run.end(ExitCode.DONE, "nothing to copy");
            }
            if (!Model.isSet(spec, "--yes")) {
                Integer refused = confirm(plan, o.human(), o.err());
                if (refused != null) {
                    return run.end(refused, "not started");
                }
            }
            o.human().flush();
            RunSummary summary;
            try (Progress progress = Progress.copying(o, plan.summary().pending().files(),
                    plan.summary().pending().bytes())) {
                summary = engine.sync(plan, pending, new SyncOptions(threads, verify, fsync), progress, control);
            }
            run.summary = summary;
            return run.end(report(summary, plan, o), summary.end().word());
        } catch (BadFoldersException | AlreadyRunningException e) {
            return run.fail(ExitCode.BAD_USAGE, e.getMessage());
        } catch (CancelledException e) {
            return run.fail(ExitCode.CANCELLED, "Cancelled before copying; nothing was changed.");
        } catch (IOException e) {
            return run.fail(ExitCode.SOME_FAILED, e.getMessage());
        }
    }

    /** What the JSON object needs from a run that may end at any step. */
    private static final class Run {
        private final Output o;
        private final FolderArgs folders;
        Plan plan;
        RunSummary summary;

        Run(Output o, FolderArgs folders) {
            this.o = o;
            this.folders = folders;
        }

        /** Ends early with one sentence on stderr (and in the JSON object). */
        int fail(int exitCode, String sentence) {
            o.err().println(sentence);
            return end(exitCode, "not started", sentence);
        }

        int end(int exitCode, String end) {
            return end(exitCode, end, null);
        }

        private int end(int exitCode, String end, String error) {
            if (o.json()) {
                o.err().flush();
                ResultJson.sync(o.out(), exitCode, end, folders, plan, summary, error);
            }
            return exitCode;
        }
    }

    /** The original FileSync's "type Confirm": returns an exit code when the user (or a missing terminal) says no. */
    private static Integer confirm(Plan plan, PrintWriter out, PrintWriter err) throws IOException {
        if (!Progress.isTerminal()) {
            err.println("Refusing to copy without confirmation: no terminal to ask on. Add --yes to copy"
                    + " without asking.");
            return ExitCode.BAD_USAGE;
        }
        out.print("Type Confirm (or c) to copy " + Units.files(plan.summary().pending().files()) + " ("
                + Units.bytes(plan.summary().pending().bytes()) + ") into " + plan.pair().destination() + ": ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("confirm") && !a.equals("c")) {
            out.println("Not confirmed; nothing was copied.");
            return ExitCode.CANCELLED;
        }
        return null;
    }

    /** The files left as they were because the destination has another version: never called "every file". */
    static String differ(Plan plan) {
        long n = plan.summary().differs().files();
        return Units.files(n) + " in the destination " + (n == 1 ? "differs" : "differ") + " from the source and"
                + (n == 1 ? " was" : " were") + " left as " + (n == 1 ? "it is" : "they are") + ": `filesync verify "
                + plan.pair().source() + " " + plan.pair().destination() + "` lists " + (n == 1 ? "it." : "them.");
    }

    private static int report(RunSummary s, Plan plan, Output o) {
        VolumeInfo volume = plan.destinationVolume();
        PrintWriter err = o.err();
        o.info("Copied:      " + Units.files(s.copied().files()) + " (" + Units.bytes(s.copied().bytes()) + ") in "
                + Units.duration(s.elapsed()) + (s.foldersCreated() > 0 ? "; " + s.foldersCreated()
                + " folder(s) created" : ""));
        if (s.creationNotKept() > 0) {
            o.info("Creation:    not kept on " + s.creationNotKept()
                    + (s.creationNotKept() == 1 ? " file or folder" : " files and folders")
                    + (volume.creationStore() == CreationTimeStore.FILESYNC_XATTR
                    ? " by the file system, which cannot store it; each original is kept in the copy's "
                    + CreationTimeStore.KEPT_ASIDE + " attribute (see the report)"
                    : " (the destination cannot store it; see the report)"));
        }
        if (s.otherTimesNotKept() > 0) {
            o.info("Times:       modification or access time not kept on " + Units.files(s.otherTimesNotKept()));
        }
        if (s.sourceAccessPutBack() > 0) {
            o.info("Access:      " + SourceAccess.sentence(s.sourceAccessPutBack()) + ".");
        }
        for (RunSummary.Failure f : s.failed()) {
            err.println("Failed:      " + f.path().replace("\n", "\\n") + ": " + f.reason());
        }
        for (String w : s.warnings()) {
            err.println("Warning:     " + w);
        }
        o.info("Report:      " + s.report());
        return switch (s.end()) {
            case COMPLETED -> {
                if (s.failed().isEmpty()) {
                    o.human().println(plan.summary().differs().files() == 0 ? "Done: the destination has every file."
                            : "Done: every file to copy was copied; " + differ(plan));
                    yield ExitCode.DONE;
                }
                if (plan.summary().differs().files() > 0) {
                    o.info(differ(plan));
                }
                err.println(Units.files(s.failed().size()) + " failed (listed above); run again to retry them.");
                yield ExitCode.SOME_FAILED;
            }
            case CANCELLED -> {
                err.println("Cancelled: " + Units.files(s.left()) + " left. Run the same command again to resume.");
                yield ExitCode.CANCELLED;
            }
            case STOPPED -> {
                err.println("Stopped: " + s.stopReason());
                yield ExitCode.CANCELLED;
            }
            case INTERNAL_ERROR -> {
                err.println("Stopped: " + s.stopReason());
                yield ExitCode.INTERNAL_ERROR;
            }
        };
    }
}
