package io.filesync.platform;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The calling thread's processor time, from {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)} on Linux: for the window's
 * frame-rate probe, which tells a UI thread that was busy from one that waited. Its downcall is linked at the first
 * call, so only a probe that is switched on pays for it.
 */
// Links clock_gettime (javac's "restricted" warning): the module runs with --enable-native-access=io.filesync.
@SuppressWarnings("restricted")
public final class ThreadClock {
    private static final int CLOCK_THREAD_CPUTIME_ID = 3;

    private ThreadClock() {
    }

    /** Linked when first used. */
    private static final class Linked {
        static final MethodHandle CLOCK_GETTIME = link();

        private static MethodHandle link() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return null;
            }
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("clock_gettime")
                    .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)))
                    .orElse(null);
        }
    }

    /** The calling thread's processor time in nanoseconds, or -1 where the system does not say. */
    public static long processorNanos() {
        MethodHandle clockGettime = Linked.CLOCK_GETTIME;
        if (clockGettime == null) {
            return -1;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timespec = arena.allocate(16);
            if ((int) clockGettime.invokeExact(CLOCK_THREAD_CPUTIME_ID, timespec) != 0) {
                return -1;
            }
            return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
        } catch (Throwable t) {
            return -1;
        }
    }
}
