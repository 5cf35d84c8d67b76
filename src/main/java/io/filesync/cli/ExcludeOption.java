package io.filesync.cli;

import io.filesync.engine.Exclusions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/** {@code --exclude GLOB} (repeatable) and {@code --exclude-junk}, for plan, sync and verify alike. */
final class ExcludeOption {
    private ExcludeOption() {
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--exclude").paramLabel("GLOB").type(List.class)
                .auxiliaryTypes(String.class).arity("1")
                .converters(ExcludeOption::convert)
                .description("Leave out source entries that match (repeatable): a pattern without / matches a name at"
                        + " any depth (*.tmp), one with / the path from SOURCE (Photos/raw), one ending in / folders"
                        + " only (cache/); * stays within a name, ** crosses folders. Each is planned as skipped;"
                        + " an excluded folder is not read.").build());
        spec.addOption(Model.flag(new String[]{"--exclude-junk"}, "Leave out system junk and editor temporaries: "
                + String.join(" ", Exclusions.JUNK) + "."));
    }

    static Exclusions of(CommandSpec spec) {
        List<String> patterns = new ArrayList<>();
        List<String> given = spec.findOption("--exclude").getValue();
        if (given != null) {
            patterns.addAll(given);
        }
        if (Model.isSet(spec, "--exclude-junk")) {
            patterns.addAll(Exclusions.JUNK);
        }
        return Exclusions.of(patterns);
    }

    /** Checks one pattern as it is parsed, so a bad one is bad usage (exit 2) with one sentence. */
    private static String convert(String pattern) {
        try {
            Exclusions.of(List.of(pattern));
            return pattern;
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
