package dev.hybridpane.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Why AWS could not be used with a profile, in words for the user: the cause, what was seen, and the fix. Made at the
 * adapter boundary from the SDK's failures. Never holds a secret: a credential_process's output is masked before it
 * gets here.
 *
 * @param kind          the cause
 * @param profile       the profile the console opened
 * @param source        for {@link Kind#SOURCE_FAILED}: the source profile whose credentials failed; else null
 * @param region        for {@link Kind#ACCESS_DENIED}: the region denied; else null
 * @param title         the cause in one line, e.g. "Not signed in to AWS SSO"
 * @param detail        what was seen (the SDK's or AWS's own words, masked), or ""
 * @param fix           what to do about it
 * @param signInProfile the profile whose AWS SSO sign-in would fix it, or null
 */
public record CredentialProblem(Kind kind, String profile, String source, String region, String title, String detail,
        String fix, String signInProfile) {

    /** The causes the console tells apart. */
    public enum Kind {
        /** An AWS SSO profile with no sign-in in the token cache. */
        SSO_NOT_SIGNED_IN,
        /** An AWS SSO sign-in that expired (or was revoked) and could not be refreshed. */
        SSO_EXPIRED,
        /** An assume-role profile whose source profile gave no credentials. */
        SOURCE_FAILED,
        /** An assume-role profile with mfa_serial: a code is needed. */
        MFA_REQUIRED,
        /** A credential_process that failed or printed no credentials. */
        PROCESS_FAILED,
        /** No credentials at all for the profile. */
        NO_CREDENTIALS,
        /** eks:ListClusters denied in a region. */
        ACCESS_DENIED,
        /** Credentials that could not be loaded for another reason. */
        OTHER
    }

    public CredentialProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }

    /** Whether only one region has it (access denied there); else every region of the profile fails alike. */
    public boolean regional() {
        return kind == Kind.ACCESS_DENIED;
    }

    public Optional<String> signIn() {
        return Optional.ofNullable(signInProfile);
    }
}
