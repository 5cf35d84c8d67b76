package io.filesync.engine;

import java.util.List;

/**
 * The result of {@code verify}: every source file checked against its copy.
 *
 * @param checked  source files compared
 * @param problems one line per file that has no complete copy with the same times
 * @param notes    what was not checked and why (e.g. creation times on a volume that cannot hold them)
 */
public record VerifyResult(long checked, List<Problem> problems, List<String> notes) {
    public record Problem(String path, String what) {
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
