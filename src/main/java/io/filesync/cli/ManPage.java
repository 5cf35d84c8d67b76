package io.filesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * filesync(1), in troff's man macros, from the same picocli model that prints {@code --help}: each command's
 * description, folders and options, the exit codes; only the sections that have no place in {@code --help}
 * (environment, files, see also) are written here. Built with the image (see {@link Manual}).
 */
final class ManPage {
    private ManPage() {
    }

    static String of(CommandLine root, String version, String date) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder m = new StringBuilder();
        m.append(".\\\" filesync(1), generated from the command line's model (io.filesync.cli.ManPage).\n");
        m.append(".TH FILESYNC 1 ").append(quoted(date)).append(' ').append(quoted("FileSync " + version))
                .append(' ').append(quoted("User Commands")).append('\n');
        m.append(".SH NAME\nfilesync \\- copy every file a backup folder is missing, keeping its times\n");

        m.append(".SH SYNOPSIS\n");
        m.append(".B filesync\n[\\fIOPTIONS\\fR]\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            m.append(".br\n").append(synopsis(sub.getCommandSpec()));
        }

        m.append(".SH DESCRIPTION\n").append(paragraph(spec.usageMessage().description()));
        m.append(".SH OPTIONS\nWith no command (the window):\n").append(arguments(spec));

        m.append(".SH COMMANDS\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            m.append(".SS ").append(quoted("filesync " + command.name())).append('\n');
            m.append(paragraph(command.usageMessage().description()));
            m.append(arguments(command));
        }

        m.append(".SH EXIT STATUS\n");
        ExitCode.MEANINGS.forEach((code, meaning) -> m.append(".TP\n").append(code).append('\n')
                .append(text(capitalised(meaning) + ".")).append('\n'));

        m.append("""
                .SH ENVIRONMENT
                .TP
                .B FILESYNC_HOME
                Where logs, run reports and checkpoints go when \\fB\\-\\-home\\fR is not given.
                .TP
                .B FILESYNC_JAVA_OPTIONS
                More options for the Java virtual machine, added by the launcher.
                .TP
                .BR LANG ", " LC_CTYPE ", " LC_ALL
                When the locale is not UTF\\-8, the launcher runs Java under C.UTF\\-8, so that every file name is
                read as it is.
                .SH FILES
                .TP
                .I ~/.local/state/filesync
                FileSync's home on Linux when neither \\fB\\-\\-home\\fR nor \\fBFILESYNC_HOME\\fR is given
                (\\fI$XDG_STATE_HOME/filesync\\fR when that variable is set). It holds \\fIfilesync.log\\fR (every
                operation), \\fIdestination\\-inventory.log\\fR and \\fImissing\\-from\\-destination.log\\fR, a JSON
                report per run in \\fIreports/\\fR, and in \\fIcheckpoints/\\fR what each run has copied, so that
                the next one resumes.
                .SH SEE ALSO
                .BR rsync (1),
                .BR cp (1)
                """);
        return m.toString();
    }

    private static String synopsis(CommandSpec command) {
        StringBuilder s = new StringBuilder(".B filesync ").append(command.name()).append("\n[\\fIOPTIONS\\fR]");
        for (PositionalParamSpec p : command.positionalParameters()) {
            s.append(" \\fI").append(text(p.paramLabel())).append("\\fR");
        }
        return s.append('\n').toString();
    }

    /** The folders, then the options (by name, as in {@code --help}), each as a tagged paragraph. */
    private static String arguments(CommandSpec command) {
        StringBuilder s = new StringBuilder();
        for (PositionalParamSpec p : command.positionalParameters()) {
            s.append(".TP\n.I ").append(p.paramLabel()).append('\n').append(description(p)).append('\n');
        }
        List<OptionSpec> options = new ArrayList<>(command.options().stream().filter(o -> !o.hidden()).toList());
        options.sort(Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
        for (OptionSpec o : options) {
            StringBuilder tag = new StringBuilder();
            for (String name : o.names()) {
                tag.append(tag.isEmpty() ? "" : ", ").append("\\fB").append(text(name)).append("\\fR");
            }
            if (o.arity().max() > 0) {
                tag.append("=\\fI").append(text(o.paramLabel())).append("\\fR");
            }
            s.append(".TP\n").append(tag).append('\n').append(description(o)).append('\n');
        }
        return s.toString();
    }

    private static String description(ArgSpec arg) {
        return text(Manual.description(arg));
    }

    private static String paragraph(String[] lines) {
        return ".PP\n" + text(String.join(" ", lines)) + "\n";
    }

    /** Text for a line of troff: backslashes and hyphens escaped, a leading dot or quote made literal. */
    static String text(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

    private static String quoted(String s) {
        return "\"" + text(s).replace("\"", "\\(dq") + "\"";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
