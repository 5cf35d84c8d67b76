package io.filesync.cli;

import io.filesync.engine.Units;
import io.filesync.engine.BadFoldersException;
import io.filesync.engine.CancelledException;
import io.filesync.engine.RunControl;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.VerifyResult;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

final class VerifyCommand implements Callable<Integer> {
    final CommandSpec spec = Model.command(this, "verify",
            "Check that every source file has a complete copy at the same path in the destination, with"
                    + " the same bytes and modification time (and creation time where the destination holds one)."
                    + " Reads both sides without changing anything, access times included.");

    VerifyCommand() {
        Model.addFolders(spec);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FolderArgs folders = Model.folders(spec);
        RunControl control = new RunControl();
        try (Interrupts ignored = Interrupts.cancelOnCtrlC(control)) {
            VerifyResult r = new SyncEngine(folders.filesyncHome()).verify(folders.pair(), Progress.scanning(err),
                    control);
            for (VerifyResult.Problem p : r.problems()) {
                out.println("WRONG  " + p.path().replace("\n", "\\n") + ": " + p.what());
            }
            for (String n : r.notes()) {
                out.println("Note: " + n);
            }
            if (r.ok()) {
                out.println("Verified: all " + Units.files(r.checked()) + " have a complete copy with the same times.");
                return ExitCode.DONE;
            }
            out.println(r.problems().size() + " problem(s) among " + Units.files(r.checked()) + ".");
            return ExitCode.SOME_FAILED;
        } catch (BadFoldersException e) {
            err.println(e.getMessage());
            return ExitCode.BAD_USAGE;
        } catch (CancelledException e) {
            err.println("Cancelled.");
            return ExitCode.CANCELLED;
        } catch (IOException e) {
            err.println(e.getMessage());
            return ExitCode.SOME_FAILED;
        }
    }
}
