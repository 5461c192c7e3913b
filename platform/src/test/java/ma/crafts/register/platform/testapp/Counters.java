package ma.crafts.register.platform.testapp;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** How often each test handler really ran, which is what idempotency promises to limit. */
@Component
public class Counters {
    public final AtomicInteger counted = new AtomicInteger();
    public final AtomicInteger failing = new AtomicInteger();
    public final AtomicInteger async = new AtomicInteger();
    public final AtomicInteger deleted = new AtomicInteger();
    public final AtomicInteger contended = new AtomicInteger();
}
