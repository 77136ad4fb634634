package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.SsoCachedToken;
import dev.hybridpane.adapters.aws.SsoDeviceCode;
import dev.hybridpane.adapters.aws.SsoDeviceLogin;
import dev.hybridpane.adapters.aws.SsoLoginException;
import dev.hybridpane.adapters.aws.SsoSession;
import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.core.ops.CancelToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane login [--profile NAME]`: signs in to AWS SSO (IAM Identity Center) for an SSO profile with the device
 * authorization flow, without the aws CLI. Prints the verification URL and the user code, opens nothing, and waits
 * until the sign-in is approved in a browser; the token goes to the aws CLI's own cache (~/.aws/sso/cache), so
 * `aws ... --profile NAME` and the console use it too. Exit 0 signed in; 1 expired, refused, cancelled (Ctrl-C) or
 * AWS unreachable; 2 when the profile is unknown or not an SSO profile.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Sign in to AWS SSO (IAM Identity Center) for an "
        + "SSO profile: prints a URL and a code to approve in a browser, then caches the token where the aws CLI does.")
public final class LoginCommand implements Callable<Integer> {
    /** Tests only: how a profile is read and where the token cache is (default: the user's). */
    static volatile Function<String, SsoSession> sessions = SsoSession::fromUserConfig;
    static volatile Supplier<SsoTokenCache> caches = SsoTokenCache::user;

    @Spec
    CommandSpec spec;
    @Option(names = "--profile", paramLabel = "NAME", description = "The SSO profile (default: AWS_PROFILE, else default).")
    String profile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = profile != null ? profile
                : System.getenv("AWS_PROFILE") != null ? System.getenv("AWS_PROFILE") : "default";
        SsoSession session;
        try {
            session = sessions.apply(name);
        } catch (IllegalArgumentException e) {
            err.println("hybridpane login: " + e.getMessage() + ".");
            return 2;
        }
        SsoTokenCache cache = caches.get();
        CancelToken cancel = new CancelToken();
        try (SsoDeviceLogin login = new SsoDeviceLogin(session, cache); CliInterrupt hook = CliInterrupt.cancelling(cancel)) {
            int code = signIn(login, session, cache, cancel, out, err);
            hook.finished(code);
            return code;
        }
    }

    private static int signIn(SsoDeviceLogin login, SsoSession session, SsoTokenCache cache, CancelToken cancel,
            PrintWriter out, PrintWriter err) {
        SsoDeviceCode code;
        try {
            code = login.start();
        } catch (SsoLoginException e) {
            err.println("hybridpane login: " + e.getMessage());
            return 1;
        }
        long minutes = Math.max(1, Duration.between(Instant.now(), code.expiresAt()).toMinutes());
        out.println("Sign in to AWS SSO (" + session.label() + ", " + session.startUrl() + ") for profile "
                + session.profile() + ":");
        out.println("  open   " + code.verificationUriComplete());
        out.println("  code   " + code.userCode() + "   (the page shows it; approve only if they match)");
        out.println("Waiting for the approval (the code expires in " + minutes + " min; Ctrl-C cancels)...");
        out.flush();
        try {
            SsoCachedToken token = login.await(code, cancel);
            out.println("Signed in. The token is cached for the aws CLI and HybridPane in " + cache.file(session)
                    + " until " + token.expiresAt().truncatedTo(ChronoUnit.SECONDS) + (token.refreshToken() != null ? " (refreshable)." : "."));
            return 0;
        } catch (SsoLoginException e) {
            err.println("hybridpane login: " + e.getMessage());
            return 1;
        }
    }
}
