package io.filesync.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;

/**
 * POSIX signals for the command line (Ctrl-C, SIGTERM, SIGWINCH) through {@code sun.misc.Signal} (module
 * jdk.unsupported), the one way Java has to handle them. Reached by reflection, in this class only: javac warns at
 * every mention of {@code sun.misc} ("internal proprietary API"), a warning no {@code @SuppressWarnings} silences,
 * and the build treats warnings as errors ({@code -Xlint:all -Werror}, pom.xml).
 */
final class Signals {
    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final MethodHandle NEW_SIGNAL;
    private static final MethodHandle HANDLE;

    static {
        try {
            SIGNAL = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            NEW_SIGNAL = lookup.findConstructor(SIGNAL, MethodType.methodType(void.class, String.class));
            HANDLE = lookup.findStatic(SIGNAL, "handle", MethodType.methodType(HANDLER, SIGNAL, HANDLER));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e); // jdk.unsupported is in every image FileSync runs on
        }
    }

    private Signals() {
    }

    /** A handler in place; {@link #close} puts back the one it replaced. */
    interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code handler} on the JVM's signal thread whenever signal {@code name} ("INT", "TERM", "WINCH") arrives.
     *
     * @return the installed handler, or null where the system has no such signal or the JVM keeps it for itself
     *         (Windows has no WINCH)
     */
    static Installed handle(String name, Runnable handler) {
        Object signal;
        Object previous;
        try {
            signal = NEW_SIGNAL.invoke(name);
            previous = HANDLE.invoke(signal, handlerFor(name, handler));
        } catch (IllegalArgumentException | UnsupportedOperationException unknownOrTaken) {
            return null;
        } catch (Throwable t) {
            throw new IllegalStateException("sun.misc.Signal failed for SIG" + name, t);
        }
        return () -> {
            try {
                HANDLE.invoke(signal, previous);
            } catch (Throwable t) {
                throw new IllegalStateException("sun.misc.Signal failed to restore SIG" + name, t);
            }
        };
    }

    private static Object handlerFor(String name, Runnable handler) {
        return Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[]{HANDLER}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "handle" -> {
                        handler.run();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "FileSync's handler for SIG" + name; // toString
                });
    }
}
