package dev.hybridpane.ui.auth;

import dev.hybridpane.core.SsoSignIn;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.common.TaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Signing in to AWS SSO inside the window: starts the device authorization, shows its user code, opens its page in the
 * browser, and waits (off the FX thread) until it is approved, expires or is cancelled. On success the window is told
 * ({@code onSignedIn}) so it can open the profile again.
 */
public final class SignInViewModel {
    /** Where the sign-in is. */
    public enum State { IDLE, STARTING, WAITING, SIGNED_IN, FAILED, CANCELLED }

    private final TaskRunner runner;
    private final SsoSignIn signIn;
    private final Consumer<String> browser;
    private final Consumer<String> onSignedIn;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final StringProperty profile = new SimpleStringProperty("");
    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private CancelToken cancel = new CancelToken();

    /**
     * @param browser    opens a URL in the user's browser (HostServices)
     * @param onSignedIn told the profile once it is signed in
     */
    public SignInViewModel(TaskRunner runner, SsoSignIn signIn, Consumer<String> browser, Consumer<String> onSignedIn) {
        this.runner = runner;
        this.signIn = signIn;
        this.browser = browser;
        this.onSignedIn = onSignedIn;
    }

    /** Starts signing in for the profile (on the FX thread). */
    public void start(String name) {
        cancel = new CancelToken();
        CancelToken mine = cancel;
        profile.set(name);
        userCode.set("");
        url.set("");
        message.set("Starting the sign-in for profile " + name + "…");
        state.set(State.STARTING);
        runner.task("Starting AWS SSO sign-in for " + name, () -> signIn.start(name))
                .onSuccess(code -> {
                    if (mine.cancelled()) {
                        state.set(State.CANCELLED);
                        message.set("Sign-in cancelled.");
                        return;
                    }
                    userCode.set(code.userCode());
                    url.set(code.verificationUrl());
                    long minutes = Math.max(1, Duration.between(Instant.now(), code.expiresAt()).toMinutes());
                    message.set("Approve the request in your browser. Check that the page shows this code. It expires in "
                            + minutes + " min.");
                    state.set(State.WAITING);
                    browser.accept(code.verificationUrl());
                    await(code, mine);
                })
                .onError(e -> fail(e))
                .start();
    }

    private void await(SsoSignIn.DeviceCode code, CancelToken mine) {
        runner.task("Waiting for the AWS SSO sign-in of " + code.profile(), () -> signIn.await(code, mine))
                .onSuccess(expires -> {
                    state.set(State.SIGNED_IN);
                    message.set("Signed in to AWS SSO for profile " + code.profile() + " until " + expires + ".");
                    onSignedIn.accept(code.profile());
                })
                .onError(e -> {
                    if (mine.cancelled()) {
                        state.set(State.CANCELLED);
                        message.set("Sign-in cancelled.");
                    } else {
                        fail(e);
                    }
                })
                .start();
    }

    private void fail(Throwable e) {
        state.set(State.FAILED);
        message.set(Errors.sentence(e));
    }

    /** Stops waiting; the sign-in ends as cancelled. */
    public void cancel() {
        cancel.cancel();
    }

    /** Opens the page again (the user closed the tab). */
    public void openAgain() {
        if (!url.get().isEmpty()) {
            browser.accept(url.get());
        }
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty profileProperty() {
        return profile;
    }

    public ReadOnlyStringProperty userCodeProperty() {
        return userCode;
    }

    public ReadOnlyStringProperty urlProperty() {
        return url;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}
