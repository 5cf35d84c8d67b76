package io.filesync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * zsh's completion for filesync ({@code _filesync}, for a folder on zsh's {@code fpath}), from the same picocli
 * model that prints {@code --help}: the commands with their summaries, each command's options with theirs, folders
 * for the folder arguments. picocli's own script (bash's, see {@link Manual}) also runs in zsh, but only through
 * bashcompinit and with options set for the whole shell (COMPLETE_ALIASES), and it shows no descriptions.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static String of(CommandLine root) {
        StringBuilder z = new StringBuilder();
        z.append("#compdef filesync\n");
        z.append("# zsh completion for filesync, generated from the command line's model"
                + " (io.filesync.cli.ZshCompletion).\n");
        z.append("_filesync() {\n");
        z.append("  local curcontext=\"$curcontext\" state line ret=1\n");
        z.append("  local -a commands\n");
        z.append("  _arguments -C -s \\\n");
        for (String spec : specs(root.getCommandSpec())) {
            z.append("    ").append(spec).append(" \\\n");
        }
        z.append("    '1: :->command' \\\n");
        z.append("    '*:: :->arguments' && ret=0\n");
        z.append("  case $state in\n");
        z.append("  command)\n");
        z.append("    commands=(\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            z.append("      ").append(quoted(command.name() + ":"
                    + summary(String.join(" ", command.usageMessage().description())).replace(":", "\\:"))).append('\n');
        }
        z.append("    )\n");
        z.append("    _describe -t commands 'filesync command' commands && ret=0\n");
        z.append("    ;;\n");
        z.append("  arguments)\n");
        z.append("    curcontext=\"${curcontext%:*:*}:filesync-$words[1]:\"\n");
        z.append("    case $words[1] in\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            z.append("    ").append(command.name()).append(")\n");
            z.append("      _arguments -s \\\n");
            List<String> specs = specs(command);
            for (int i = 0; i < specs.size(); i++) {
                z.append("        ").append(specs.get(i)).append(i + 1 < specs.size() ? " \\\n" : " && ret=0\n");
            }
            z.append("      ;;\n");
        }
        z.append("    esac\n");
        z.append("    ;;\n");
        z.append("  esac\n");
        z.append("  return ret\n");
        z.append("}\n");
        z.append("_filesync \"$@\"\n");
        return z.toString();
    }

    /** _arguments' specs for the command's options and its positional folders. */
    private static List<String> specs(CommandSpec command) {
        List<String> specs = new ArrayList<>();
        for (OptionSpec o : command.options()) {
            if (o.hidden()) {
                continue;
            }
            String description = "[" + summary(Manual.description(o)).replace("\\", "\\\\").replace("[", "\\[")
                    .replace("]", "\\]") + "]";
            boolean exits = o.usageHelp() || o.versionHelp();
            String value = o.arity().max() > 0 ? ":" + o.paramLabel().replace(":", "\\:") + ":" + action(o) : "";
            String[] names = o.names();
            // Each name excludes the others (and help or version, everything else): zsh offers none of them twice.
            String exclusions = exits ? "(- *)" : names.length > 1 ? "(" + String.join(" ", names) + ")" : "";
            if (names.length == 1) {
                specs.add(quoted(exclusions + names[0] + suffix(names[0], o) + description + value));
            } else {
                List<String> each = new ArrayList<>();
                for (String name : names) {
                    each.add(name + suffix(name, o));
                }
                specs.add(quoted(exclusions) + "{" + String.join(",", each) + "}" + quoted(description + value));
            }
        }
        for (PositionalParamSpec p : command.positionalParameters()) {
            specs.add(quoted((p.index().min() + 1) + ":" + p.paramLabel() + ":" + action(p)));
        }
        return specs;
    }

    /** After an option that takes a value: {@code --home=DIR} or {@code --home DIR}; {@code -xV} or {@code -x V}. */
    private static String suffix(String name, OptionSpec o) {
        return o.arity().max() == 0 ? "" : name.startsWith("--") ? "=" : "+";
    }

    private static String action(CommandLine.Model.ArgSpec arg) {
        if (arg.completionCandidates() != null) {
            List<String> values = new ArrayList<>();
            arg.completionCandidates().forEach(values::add);
            return "(" + String.join(" ", values) + ")";
        }
        return arg.type() == Path.class ? "_directories" : " ";
    }

    /** The first sentence: a completion menu has one line per entry. */
    static String summary(String description) {
        String first = description.split("\\.\\s+(?=[A-Z])", 2)[0];
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    /** In single quotes for the shell. */
    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
