package io.filesync.engine;

/** The user cancelled; the engine stops, removes its temporary file in flight and saves the checkpoint. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
