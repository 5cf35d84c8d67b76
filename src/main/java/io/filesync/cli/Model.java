package io.filesync.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The commands' picocli models, built in code rather than read from annotations: reading an annotation makes Java
 * generate a proxy class for each annotation type at run time, which no AOT cache can hold: a cost paid at every
 * start-up before a command does anything (bench/README.md, "Figures behind the design").
 */
final class Model {
    private Model() {
    }

    /** A command named {@code name}, run by {@code command}, with {@code -h/--help} and {@code -V/--version}. */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name);
        spec.usageMessage().description(description);
        spec.versionProvider(new FileSyncCommand.Version());
        // The texts picocli's mixinStandardHelpOptions gives them.
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option without a value, false unless given. */
    static OptionSpec flag(String[] names, String... description) {
        return OptionSpec.builder(names).type(boolean.class).arity("0").initialValue(false).description(description)
                .build();
    }

    /** The two folders every command takes, and {@code --home}. */
    static void addFolders(CommandSpec spec) {
        spec.addPositional(folder("0", "SOURCE", "The folder to back up (read only)."));
        spec.addPositional(folder("1", "DEST", "The backup folder that receives what it lacks."));
        spec.addOption(OptionSpec.builder("--home").paramLabel("DIR").type(java.nio.file.Path.class)
                .description("Where logs, reports and checkpoints go (default: $FILESYNC_HOME, else the per-user"
                        + " state folder, e.g. ~/.local/state/filesync).").build());
    }

    private static PositionalParamSpec folder(String index, String label, String description) {
        return PositionalParamSpec.builder().index(index).arity("1").required(true).paramLabel(label)
                .type(java.nio.file.Path.class).description(description).build();
    }

    static FolderArgs folders(CommandSpec spec) {
        return new FolderArgs(spec.positionalParameters().get(0).getValue(),
                spec.positionalParameters().get(1).getValue(), spec.findOption("--home").getValue());
    }

    static boolean isSet(CommandSpec spec, String option) {
        return Boolean.TRUE.equals(spec.findOption(option).getValue());
    }
}
