package ma.crafts.register.eventstore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Background work of the engine that must never keep the JVM alive: daemon threads, created as needed. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
