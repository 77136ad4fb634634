package dev.hybridpane.adapters.aws;

import java.time.Duration;
import java.time.Instant;

/**
 * A started device sign-in: what the user is shown (the user code, the verification URL, with the code in it) and,
 * kept for polling only, the device code and the client registration. {@link #toString()} names no secret.
 */
public final class SsoDeviceCode {
    private final String userCode;
    private final String verificationUri;
    private final String verificationUriComplete;
    private final Instant expiresAt;
    private final Duration interval;
    final String deviceCode;
    final String clientId;
    final String clientSecret;
    final Instant registrationExpiresAt;

    SsoDeviceCode(String userCode, String verificationUri, String verificationUriComplete, Instant expiresAt,
            Duration interval, String deviceCode, String clientId, String clientSecret, Instant registrationExpiresAt) {
        this.userCode = userCode;
        this.verificationUri = verificationUri;
        this.verificationUriComplete = verificationUriComplete;
        this.expiresAt = expiresAt;
        this.interval = interval;
        this.deviceCode = deviceCode;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.registrationExpiresAt = registrationExpiresAt;
    }

    public String userCode() {
        return userCode;
    }

    public String verificationUri() {
        return verificationUri;
    }

    /** The page with the code filled in: what to open in the browser. */
    public String verificationUriComplete() {
        return verificationUriComplete;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return "SsoDeviceCode[" + userCode + " at " + verificationUri + ", expires " + expiresAt + "]";
    }
}
