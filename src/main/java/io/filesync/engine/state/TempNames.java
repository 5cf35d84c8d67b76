package io.filesync.engine.state;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary names for copies in flight: {@code .filesync-RUNID-N.tmp}, in the target's own folder (so publishing
 * is a rename on one volume). The name does not derive from the target's, so it stays far below the 255-byte
 * limit whatever the target is called; the run id lets a later run of the same pair sweep exactly its own
 * leftovers and nobody else's.
 */
public final class TempNames {
    private static final Pattern PATTERN = Pattern.compile("\\.filesync-([0-9a-f]{12})-[0-9a-z]+\\.tmp");
    private final String runId;
    private final AtomicLong counter = new AtomicLong();

    public TempNames(String runId) {
        this.runId = runId;
    }

    public static String newRunId() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static boolean isRunId(String s) {
        return s != null && s.matches("[0-9a-f]{12}");
    }

    public String next() {
        return ".filesync-" + runId + "-" + Long.toString(counter.incrementAndGet(), 36) + ".tmp";
    }

    /** Whether {@code name} is a temporary of one of {@code runIds}. */
    public static boolean isTemporaryOf(String name, Set<String> runIds) {
        if (!name.startsWith(".filesync-")) {
            return false;
        }
        Matcher m = PATTERN.matcher(name);
        return m.matches() && runIds.contains(m.group(1));
    }

    public static boolean looksTemporary(String name) {
        return name.startsWith(".filesync-") && PATTERN.matcher(name).matches();
    }
}
