package dev.hybridpane.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits for a condition on the scene or on view-model state, evaluated on the FX thread: scene lookups and FX
 * collections read from the test thread race the FX thread's changes (a lookup walking a Parent's children while the
 * FX thread removes one threw IndexOutOfBoundsException in UiEdgeHostsTest).
 */
public final class FxWait {
    private FxWait() {
    }

    public static void until(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
