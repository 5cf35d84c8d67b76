package io.filesync.platform;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Makes the calling thread, and the threads it starts from then on, yield the processor to the others: for the
 * window's compare and sync, so that copying never starves the UI thread. On Linux Java's thread priorities do
 * nothing (unless the JVM is started with a flag that needs root), so this raises the thread's nice value, which
 * Linux keeps per thread and hands down to the threads it creates; elsewhere Java's priority, which new threads
 * inherit and which Windows and macOS honour.
 */
public final class BackgroundPriority {
    /** How much nicer: 10, the {@code nice} command's own default. */
    static final int NICE = 10;
    private static final MethodHandle SETPRIORITY = handle();

    private BackgroundPriority() {
    }

    private static MethodHandle handle() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("setpriority")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)))
                .orElse(null);
    }

    /** Lowers the calling thread's priority; returns whether the system took it (a courtesy: never fails). */
    public static boolean lowerThisThread() {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY - 2);
        if (SETPRIORITY == null) {
            return false;
        }
        try {
            // setpriority(PRIO_PROCESS, 0, n): on Linux "0" is the calling thread alone, not the whole process.
            return (int) SETPRIORITY.invokeExact(0, 0, NICE) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
