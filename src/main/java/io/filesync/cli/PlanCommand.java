package io.filesync.cli;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.CancelledException;
import io.filesync.engine.Plan;
import io.filesync.engine.RunControl;
import io.filesync.engine.SyncEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what a sync would do: pending, present, differing, skipped and conflicting files."
                + " Changes nothing in either folder.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    FolderArgs folders;
    @Mixin
    MatchOption match;
    @Option(names = "--json", description = "Print one JSON object (pending array and a summary of every category).")
    boolean json;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunControl control = new RunControl();
        try (Interrupts ignored = Interrupts.cancelOnCtrlC(control)) {
            Plan plan = new SyncEngine(folders.filesyncHome()).plan(folders.pair(), match.mode,
                    Progress.scanning(err), control);
            if (json) {
                PlanPrinter.json(plan, out);
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
