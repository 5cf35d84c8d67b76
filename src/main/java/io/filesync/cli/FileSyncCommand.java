package io.filesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.Supplier;

/** {@code filesync plan|sync|verify SOURCE DEST}; with no command, the window. */
public final class FileSyncCommand implements java.util.concurrent.Callable<Integer> {
    /** Opens the window (the entry point passes the UI's; a build or test without it passes null). */
    public interface Window {
        int open(java.nio.file.Path source, java.nio.file.Path destination);
    }

    final CommandSpec spec = Model.command(this, "filesync",
            "Copies every file a backup folder is missing, byte-identical, keeping modification and access times, and"
                    + " creation times wherever the destination can hold them (it says where not). Never overwrites,"
                    + " deletes or alters anything already in the destination and never modifies the source. With no"
                    + " command it opens the window (--source and --dest fill in its folders).");

    private final Window window;

    FileSyncCommand(Window window) {
        this.window = window;
        spec.addOption(OptionSpec.builder("--source").paramLabel("FOLDER").type(java.nio.file.Path.class)
                .description("Open the window with this source.").build());
        spec.addOption(OptionSpec.builder("--dest").paramLabel("FOLDER").type(java.nio.file.Path.class)
                .description("Open the window with this destination.").build());
        spec.usageMessage().footerHeading("%nExit codes:%n").footer(ExitCode.footer());
    }

    @Override
    public Integer call() {
        if (window == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: plan, sync or verify.");
        }
        return window.open(spec.findOption("--source").getValue(), spec.findOption("--dest").getValue());
    }

    private static final SequencedMap<String, Supplier<CommandSpec>> COMMANDS = commands();

    private static SequencedMap<String, Supplier<CommandSpec>> commands() {
        SequencedMap<String, Supplier<CommandSpec>> m = new LinkedHashMap<>();
        m.put("plan", () -> new PlanCommand().spec);
        m.put("sync", () -> new SyncCommand().spec);
        m.put("verify", () -> new VerifyCommand().spec);
        return m;
    }

    /** Runs the CLI (or, with no command, {@code window}) and returns its exit code. */
    public static int execute(String[] args, Window window) {
        return execute(args, new Stdout(System.out), new PrintWriter(System.err, true), window);
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, null);
    }

    /**
     * The command line's model: {@code filesync} with its commands. When {@code first} (the first argument) names a
     * command, only that one's model is built; otherwise (help, version, the window, a typo, the manual) all of them.
     */
    static CommandLine commandLine(String first, Window window) {
        CommandLine cl = new CommandLine(new FileSyncCommand(window).spec);
        COMMANDS.forEach((name, make) -> {
            if (!COMMANDS.containsKey(first) || name.equals(first)) {
                cl.addSubcommand(name, make.get());
            }
        });
        return cl;
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err, Window window) {
        CommandLine cl = commandLine(args.length == 0 ? "" : args[0], window);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println(ex.getMessage());
            bad.getErr().println("See '" + bad.getCommandSpec().qualifiedName() + " --help'.");
            // A script that asked for JSON gets its object even when the command line was wrong.
            if (java.util.Arrays.asList(given).contains("--json")) {
                switch (bad.getCommandSpec().name()) {
                    case "sync" -> ResultJson.sync(bad.getOut(), ExitCode.BAD_USAGE, "not started", null, null, null,
                            ex.getMessage());
                    case "verify" -> ResultJson.verify(bad.getOut(), ExitCode.BAD_USAGE, null, null, ex.getMessage());
                    default -> {
                    }
                }
            }
            return ExitCode.BAD_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("FileSync stopped on an internal error (a bug; please report it with what follows): "
                    + ex);
            ex.printStackTrace(line.getErr());
            return ExitCode.INTERNAL_ERROR;
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
