package io.filesync.cli;

import io.filesync.engine.RunControl;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel the run instead of killing the JVM, so the engine removes its temporary
 * file in flight and saves the checkpoint, and the CLI exits with code 3. A second Ctrl-C stops at once; the
 * next run sweeps whatever that left.
 */
final class Interrupts implements AutoCloseable {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private Interrupts(RunControl control) {
        SignalHandler h = new SignalHandler() {
            private volatile boolean once;

            @Override
            public void handle(Signal sig) {
                if (once) {
                    Runtime.getRuntime().halt(ExitCode.CANCELLED);
                }
                once = true;
                System.err.println();
                System.err.println("Cancelling: finishing cleanly (press Ctrl-C again to stop at once)…");
                control.cancel();
            }
        };
        previousInt = Signal.handle(new Signal("INT"), h);
        previousTerm = Signal.handle(new Signal("TERM"), h);
    }

    static Interrupts cancelOnCtrlC(RunControl control) {
        return new Interrupts(control);
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
