package dev.hybridpane.ui.auth;

import dev.hybridpane.core.MfaCodePrompt;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The window's MFA prompt: an assume-role profile with {@code mfa_serial} asks, on the I/O thread that opens it, for the
 * current code of its device. The card shows in the main window (the profile, the device's serial number, the code
 * field); that I/O thread waits until the user continues with six digits or cancels, or until the timeout (as if
 * cancelled). Asked on the FX thread it cannot wait (the card would never show): it answers "no code" at once and
 * says so in the log. Requests that come while the card is up wait their turn. The code is handed to the waiting
 * thread and cleared from the field; it is never kept, logged or put in a message.
 */
public final class MfaPromptViewModel implements MfaCodePrompt {
    private static final System.Logger LOG = System.getLogger(MfaPromptViewModel.class.getName());
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    /** How long a code is waited for by default: long enough to find a phone, not forever. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private record Request(String profile, String serial, CompletableFuture<Optional<String>> answer) {
    }

    private final Executor fx;
    private final BooleanSupplier onFxThread;
    private final Duration timeout;
    private final Deque<Request> waiting = new ArrayDeque<>();
    private Request current;
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyStringWrapper profile = new ReadOnlyStringWrapper(this, "profile", "");
    private final ReadOnlyStringWrapper serial = new ReadOnlyStringWrapper(this, "serial", "");
    private final StringProperty code = new SimpleStringProperty(this, "code", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param fx         runs on the FX thread (FxExecutor)
     * @param onFxThread whether the caller is on the FX thread (Platform::isFxApplicationThread)
     * @param timeout    how long an I/O thread waits for the user before it goes on without a code
     */
    public MfaPromptViewModel(Executor fx, BooleanSupplier onFxThread, Duration timeout) {
        this.fx = fx;
        this.onFxThread = onFxThread;
        this.timeout = timeout;
        code.addListener((o, was, now) -> error.set(""));
    }

    /** Called on an I/O thread: shows the card and waits for the user's answer. */
    @Override
    public Optional<String> code(String profileName, String mfaSerial) {
        if (onFxThread.getAsBoolean()) {
            LOG.log(System.Logger.Level.WARNING, () -> "The MFA code of profile " + profileName + " was asked for on the"
                    + " window's thread, which cannot wait for it: the profile opens without a code.");
            return Optional.empty();
        }
        Request r = new Request(profileName, mfaSerial, new CompletableFuture<>());
        fx.execute(() -> ask(r));
        try {
            return r.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "No MFA code for profile " + profileName + " within "
                    + timeout.toSeconds() + " s.");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } finally {
            // a request nobody answered (timeout, interrupt) leaves the card
            r.answer().complete(Optional.empty());
            fx.execute(() -> drop(r));
        }
    }

    private void ask(Request r) {
        if (r.answer().isDone()) {
            return;
        }
        waiting.addLast(r);
        if (current == null) {
            next();
        }
    }

    private void drop(Request r) {
        waiting.remove(r);
        if (current == r) {
            next();
        }
    }

    /** Shows the next request still waiting, or closes the card. */
    private void next() {
        current = null;
        while (!waiting.isEmpty() && current == null) {
            Request r = waiting.pollFirst();
            if (!r.answer().isDone()) {
                current = r;
            }
        }
        code.set("");
        error.set("");
        if (current != null) {
            profile.set(current.profile());
            serial.set(current.serial());
        }
        open.set(current != null);
    }

    /** Continue: six digits go to the waiting thread; anything else is the field's error. */
    public void submit() {
        if (current == null) {
            return;
        }
        String typed = code.get() == null ? "" : code.get().replaceAll("\\s", "");
        if (!SIX_DIGITS.matcher(typed).matches()) {
            error.set(typed.isEmpty() ? "Enter the 6-digit code your MFA device shows now."
                    : "The code is 6 digits, as your MFA device shows it (no letters or other signs).");
            return;
        }
        Request r = current;
        code.set("");
        r.answer().complete(Optional.of(typed));
        next();
    }

    /** Cancel: the waiting thread goes on without a code (the profile then says it needs one). */
    public void cancel() {
        if (current == null) {
            return;
        }
        Request r = current;
        r.answer().complete(Optional.empty());
        next();
    }

    /** Whether the card is up. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serialProperty() {
        return serial.getReadOnlyProperty();
    }

    /** The code field's text (bound to the field; cleared once used). */
    public StringProperty codeProperty() {
        return code;
    }

    /** The field's error, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
