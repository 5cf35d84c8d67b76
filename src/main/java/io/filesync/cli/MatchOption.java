package io.filesync.cli;

import io.filesync.engine.MatchMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --match path|name}. */
final class MatchOption {
    private MatchOption() {
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--match").paramLabel("path|name").type(MatchMode.class).defaultValue("path")
                .completionCandidates(java.util.List.of("path", "name"))
                .converters(MatchOption::convert)
                .description("Match a source file with the destination by relative path (default) or by file name"
                        + " anywhere in the destination (for a reorganised backup whose names are unique).").build());
    }

    static MatchMode of(CommandSpec spec) {
        return spec.findOption("--match").getValue();
    }

    private static MatchMode convert(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "path" -> MatchMode.PATH;
            case "name" -> MatchMode.NAME;
            default -> throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a match mode: use path or name");
        };
    }
}
