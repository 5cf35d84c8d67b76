package io.filesync.cli;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.CancelledException;
import io.filesync.engine.Plan;
import io.filesync.engine.RunControl;
import io.filesync.engine.SyncEngine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

final class PlanCommand implements Callable<Integer> {
    final CommandSpec spec = Model.command(this, "plan",
            "Show what a sync would do: pending, present, differing, skipped and conflicting files."
                    + " Changes nothing in either folder.");

    PlanCommand() {
        Model.addFolders(spec);
        MatchOption.addTo(spec);
        ExcludeOption.addTo(spec);
        spec.addOption(Model.flag(new String[]{"--json"},
                "Print one JSON object (pending array and a summary of every category)."));
        spec.addOption(Model.flag(new String[]{"--csv"}, "Print every listed entry as CSV (category, path, target, size,"
                + " modified, reason), for a spreadsheet; present files are only counted."));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FolderArgs folders = Model.folders(spec);
        RunControl control = new RunControl();
        Interrupts onCtrlC = Interrupts.cancelOnCtrlC(control);
        try (onCtrlC) {
            if (Model.isSet(spec, "--json") && Model.isSet(spec, "--csv")) {
                err.println("--json and --csv cannot be used together: choose one.");
                return ExitCode.BAD_USAGE;
            }
            Plan plan = new SyncEngine(folders.filesyncHome()).plan(folders.pair(), MatchOption.of(spec),
                    ExcludeOption.of(spec), Progress.scanning(err), control);
            if (Model.isSet(spec, "--json")) {
                PlanPrinter.json(plan, out);
            } else if (Model.isSet(spec, "--csv")) {
                PlanPrinter.csv(plan, out);
            } else {
                PlanPrinter.details(plan, out);
                PlanPrinter.summary(plan, out);
            }
            return ExitCode.DONE;
        } catch (BadFoldersException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (CancelledException e) {
            err.println("Cancelled; nothing was changed.");
            return ExitCode.CANCELLED;
        } catch (IOException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_USAGE;
        }
    }
}
