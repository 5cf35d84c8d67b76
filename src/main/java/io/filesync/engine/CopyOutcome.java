package io.filesync.engine;

/** What became of one pending entry. */
public sealed interface CopyOutcome {

    /** The copy is complete under its final name (or the folder exists). */
    record Copied(long bytes, TimesKept times) implements CopyOutcome {
    }

    /** Not copied; nothing was left under the final name. {@code reason} is one sentence for the user. */
    record Failed(String reason) implements CopyOutcome {
    }

    /**
     * Another program created a file at the target path after the scan: it was left as it is and ours was not
     * published.
     */
    record NotReplaced(String reason) implements CopyOutcome {
    }

    default String describe() {
        return switch (this) {
            case Copied c -> "copied, " + c.times().describe();
            case Failed f -> "failed: " + f.reason();
            case NotReplaced n -> "not copied: " + n.reason();
        };
    }
}
