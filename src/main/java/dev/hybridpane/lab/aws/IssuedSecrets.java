package dev.hybridpane.lab.aws;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lab account has handed out that must never be seen again outside where it belongs: secret access keys and
 * session tokens (IAM user, STS, the SSO portal, Roles Anywhere sessions), the SSO OIDC client secrets, device codes, access
 * and refresh tokens, and the SSM activation codes. Those codes are known only by their SHA-256 digest, as the registry
 * keeps them: {@link #isActivationCode(String)} tells whether a string is one.
 *
 * @param values the secrets themselves
 * @param activationCodeDigests the SHA-256 digests of the activation codes' UTF-8 bytes
 */
public record IssuedSecrets(List<String> values, List<byte[]> activationCodeDigests) {
    public IssuedSecrets {
        values = List.copyOf(values);
        activationCodeDigests = List.copyOf(activationCodeDigests);
    }

    /** Whether {@code candidate} is an activation code the account created. */
    public boolean isActivationCode(String candidate) {
        byte[] d = SsmRegistry.digest(candidate);
        return activationCodeDigests.stream().anyMatch(x -> MessageDigest.isEqual(x, d));
    }

    /** Where the emulator keeps them. */
    record Sources(LabCredentials credentials, OidcService oidc, SsmRegistry ssm) {
        IssuedSecrets now() {
            List<String> v = new ArrayList<>(credentials.issuedSecrets());
            v.addAll(oidc.issuedSecrets());
            return new IssuedSecrets(v, ssm.codeDigests());
        }
    }
}
