package io.plimsoll.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Takes SIGTERM and SIGINT away from the JVM's default handling, which runs the shutdown hooks and then exits with
 * 128 + the signal number (143, 130) whatever the hooks do. A service stopped by its manager should shut down in
 * order and exit 0, so {@code plimsoll serve} handles these signals itself.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported, exported for exactly this use) is reached by reflection: used
 * directly, javac prints an "internal proprietary API" warning that no {@code @SuppressWarnings} can silence.
 */
final class StopSignals {

    private StopSignals() {
    }

    /**
     * Calls {@code onSignal} with the signal's name ("TERM", "INT") when one of {@code names} arrives, instead of
     * starting the JVM's shutdown. Returns the names it could take over: none where the JVM has no such signal
     * (Windows has no TERM) or where the signal was ignored when the process started (INT of a background job);
     * those keep the JVM's default.
     */
    static List<String> handle(Consumer<String> onSignal, String... names) {
        List<String> handled = new ArrayList<>();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method getName = signal.getMethod("getName");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onSignal.accept((String) getName.invoke(args[0]));
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "plimsoll stop-signal handler";
            };
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    calls);
            Constructor<?> newSignal = signal.getConstructor(String.class);
            Method install = signal.getMethod("handle", signal, handlerType);
            for (String name : names) {
                try {
                    install.invoke(null, newSignal.newInstance(name), handler);
                    handled.add(name);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // IllegalArgumentException: unknown here, or reserved by the VM or the OS; keep the default
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sun.misc.Signal in this runtime: the JVM's default handling stays
        }
        return handled;
    }
}
