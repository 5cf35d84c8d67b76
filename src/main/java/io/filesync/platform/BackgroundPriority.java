package io.filesync.platform;

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
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .contains("linux") && LinuxFileOps.usable();

    private BackgroundPriority() {
    }

    /** Lowers the calling thread's priority; returns whether the system took it (a courtesy: never fails). */
    public static boolean lowerThisThread() {
        Thread.currentThread().setPriority(Thread.NORM_PRIORITY - 2);
        if (!LINUX) {
            return false;
        }
        try (Libc.Call c = new Libc.Call()) {
            return c.niceThisThread(NICE) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
