package io.filesync.cli;

import io.filesync.engine.RunControl;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel the run instead of killing the JVM, so the engine removes its temporary
 * file in flight and saves the checkpoint, and the CLI exits with code 3. A second Ctrl-C stops at once; the
 * next run sweeps whatever that left.
 */
final class Interrupts implements AutoCloseable {
    private final Signals.Installed onInt;
    private final Signals.Installed onTerm;
    private volatile boolean once;

    private Interrupts(RunControl control) {
        Runnable cancel = () -> {
            if (once) {
                Runtime.getRuntime().halt(ExitCode.CANCELLED);
            }
            once = true;
            System.err.println();
            System.err.println("Cancelling: finishing cleanly (press Ctrl-C again to stop at once)…");
            control.cancel();
        };
        onInt = Signals.handle("INT", cancel);
        onTerm = Signals.handle("TERM", cancel);
    }

    static Interrupts cancelOnCtrlC(RunControl control) {
        return new Interrupts(control);
    }

    @Override
    public void close() {
        if (onInt != null) {
            onInt.close();
        }
        if (onTerm != null) {
            onTerm.close();
        }
    }
}
