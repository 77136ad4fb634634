package dev.hybridpane.hostile;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Counts the cases (tries) of every jqwik property and prints them per class and in total, with the seed, so the test
 * output shows how many hostile inputs ran. Registered for all properties through
 * META-INF/services/net.jqwik.api.lifecycle.LifecycleHook.
 */
public final class TryCounter implements AroundPropertyHook, AfterContainerHook {
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong PROPERTIES = new AtomicLong();
    private static final ThreadLocal<Long> CLASS_START = ThreadLocal.withInitial(() -> 0L);

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult r = property.execute();
        TOTAL.addAndGet(r.countTries());
        PROPERTIES.incrementAndGet();
        return r;
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        context.optionalContainerClass().ifPresentOrElse(c -> {
            long total = TOTAL.get();
            System.out.printf("[jqwik] %s: %d cases; %d properties and %d cases so far in this JVM (seed %s)%n",
                    c.getSimpleName(), total - CLASS_START.get(), PROPERTIES.get(), total, Hostile.SEED);
            CLASS_START.set(total);
        }, () -> System.out.printf("[jqwik] total: %d properties, %d cases (seed %s)%n", PROPERTIES.get(), TOTAL.get(),
                Hostile.SEED));
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
