package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.SsoSignIn;
import dev.hybridpane.core.ops.CancelToken;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** {@link SsoSignIn} with {@link SsoDeviceLogin}: the SDK's SSO OIDC client, the aws CLI's token cache. */
public final class SsoDeviceSignIn implements SsoSignIn {
    private record Pending(SsoDeviceLogin login, SsoDeviceCode code) {
    }

    private final Function<String, SsoSession> sessions;
    private final SsoTokenCache cache;
    private final Map<DeviceCode, Pending> pending = new ConcurrentHashMap<>();

    /** The user's AWS config file and ~/.aws/sso/cache. */
    public SsoDeviceSignIn() {
        this(SsoSession::fromUserConfig, SsoTokenCache.user());
    }

    public SsoDeviceSignIn(Function<String, SsoSession> sessions, SsoTokenCache cache) {
        this.sessions = sessions;
        this.cache = cache;
    }

    @Override
    public DeviceCode start(String profile) {
        SsoSession session = sessions.apply(profile);
        SsoDeviceLogin login = new SsoDeviceLogin(session, cache);
        try {
            SsoDeviceCode code = login.start();
            DeviceCode shown = new DeviceCode(profile, code.userCode(), code.verificationUriComplete(), code.expiresAt());
            pending.put(shown, new Pending(login, code));
            return shown;
        } catch (RuntimeException e) {
            login.close();
            throw e;
        }
    }

    @Override
    public Instant await(DeviceCode code, CancelToken cancel) {
        Pending p = pending.remove(code);
        if (p == null) {
            throw new IllegalStateException("this sign-in was not started here, or has ended");
        }
        try (SsoDeviceLogin login = p.login()) {
            return login.await(p.code(), cancel).expiresAt();
        }
    }
}
