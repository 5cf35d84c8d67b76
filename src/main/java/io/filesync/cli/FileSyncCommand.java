package io.filesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code filesync plan|sync|verify SOURCE DEST}. */
@Command(name = "filesync", mixinStandardHelpOptions = true, versionProvider = FileSyncCommand.Version.class,
        subcommands = {PlanCommand.class, SyncCommand.class, VerifyCommand.class},
        description = "Copies every file a backup folder is missing, byte-identical, keeping modification and access"
                + " times, and creation times wherever the destination can hold them (it says where not). Never overwrites, deletes or alters anything already in the"
                + " destination and never modifies the source.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  all done", "  1  some files failed (each is listed)",
                "  2  bad usage or bad folders (nothing was touched)", "  3  cancelled or interrupted (run again to resume)"})
public final class FileSyncCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: plan, sync or verify.");
    }

    /** Runs the CLI and returns its exit code. */
    public static int execute(String[] args) {
        return execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FileSyncCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println(ex.getMessage());
            bad.getErr().println("See '" + bad.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.BAD_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("FileSync stopped on an unexpected error: " + ex);
            ex.printStackTrace(line.getErr());
            return ExitCode.SOME_FAILED;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            // The compiler records the project version in module-info; on a class path there is none.
            String v = FileSyncCommand.class.getModule().getDescriptor() == null ? null
                    : FileSyncCommand.class.getModule().getDescriptor().rawVersion().orElse(null);
            return new String[]{"FileSync " + (v == null ? "(version unknown: not run as a module)" : v)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
