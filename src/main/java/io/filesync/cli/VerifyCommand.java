package io.filesync.cli;

import io.filesync.engine.BadFoldersException;
import io.filesync.engine.CancelledException;
import io.filesync.engine.RunControl;
import io.filesync.engine.SyncEngine;
import io.filesync.engine.SyncListener;
import io.filesync.engine.Units;
import io.filesync.engine.VerifyResult;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.concurrent.Callable;

final class VerifyCommand implements Callable<Integer> {
    final CommandSpec spec = Model.command(this, "verify",
            "Check that every source file has a complete copy at the same path in the destination, with"
                    + " the same bytes and modification time (and creation time where the destination holds one)."
                    + " Reads both sides without changing anything, access times included.");

    VerifyCommand() {
        Model.addFolders(spec);
        ExcludeOption.addTo(spec);
        Output.addTo(spec, false, "files checked, each wrong copy with its reason");
    }

    @Override
    public Integer call() {
        Output o = Output.of(spec);
        FolderArgs folders = Model.folders(spec);
        RunControl control = new RunControl();
        Interrupts onCtrlC = Interrupts.cancelOnCtrlC(control);
        try (onCtrlC) {
            VerifyResult r = new SyncEngine(folders.filesyncHome()).verify(folders.pair(), ExcludeOption.of(spec),
                    o.quiet() ? SyncListener.NONE : Progress.scanning(o.err()), control);
            for (VerifyResult.Problem p : r.problems()) {
                o.human().println("WRONG  " + p.path().replace("\n", "\\n") + ": " + p.what());
            }
            for (String n : r.notes()) {
                o.info("Note: " + n);
            }
            int exit;
            if (r.ok()) {
                o.human().println("Verified: all " + Units.files(r.checked()) + " have a complete copy with the same"
                        + " times.");
                exit = ExitCode.DONE;
            } else {
                o.human().println(r.problems().size() + " problem(s) among " + Units.files(r.checked()) + ".");
                exit = ExitCode.SOME_FAILED;
            }
            return end(o, exit, folders, r, null);
        } catch (BadFoldersException e) {
            return end(o, ExitCode.BAD_USAGE, folders, null, e.getMessage());
        } catch (CancelledException e) {
            return end(o, ExitCode.CANCELLED, folders, null, "Cancelled.");
        } catch (IOException e) {
            return end(o, ExitCode.SOME_FAILED, folders, null, e.getMessage());
        }
    }

    /** Ends with {@code error} (if any) on stderr and, under --json, the JSON object last on stdout. */
    private static int end(Output o, int exit, FolderArgs folders, VerifyResult r, String error) {
        if (error != null) {
            o.err().println(error);
        }
        if (o.json()) {
            o.human().flush();
            o.err().flush();
            ResultJson.verify(o.out(), exit, folders, r, error);
        }
        return exit;
    }
}
