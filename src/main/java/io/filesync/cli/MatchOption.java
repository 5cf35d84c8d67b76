package io.filesync.cli;

import io.filesync.engine.MatchMode;
import picocli.CommandLine.Option;

/** {@code --match path|name}. */
final class MatchOption {
    @Option(names = "--match", paramLabel = "path|name", defaultValue = "path",
            converter = MatchOption.Converter.class,
            description = "Match a source file with the destination by relative path (default) or by file name"
                    + " anywhere in the destination (for a reorganised backup whose names are unique).")
    MatchMode mode;

    static final class Converter implements picocli.CommandLine.ITypeConverter<MatchMode> {
        @Override
        public MatchMode convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "path" -> MatchMode.PATH;
                case "name" -> MatchMode.NAME;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a match mode: use path or name");
            };
        }
    }
}
