package io.filesync.engine;

/** Per copy: which of its three times were kept. */
public record TimesKept(TimeKept modified, TimeKept accessed, TimeKept created) {

    public boolean allKept() {
        return modified.kept() && accessed.kept() && (created.kept() || created == TimeKept.NO_SOURCE_VALUE);
    }

    /** One line for the log and the table, e.g. "modified and accessed kept; created not kept: …". */
    public String describe() {
        if (allKept()) {
            return created == TimeKept.NO_SOURCE_VALUE ? "all times kept (the source has no creation time)"
                    : "all times kept";
        }
        return "modified " + modified.words() + "; accessed " + accessed.words() + "; created " + created.words();
    }
}
