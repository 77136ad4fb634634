package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.SigV4Verifier.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the lab's account has issued, as IAM and STS know them: each key's secret (and session token, for
 * temporary credentials) and the principal it belongs to. The AWS emulator verifies signatures against it, and the
 * Kubernetes API servers resolve the identity inside an EKS token through it. A key the lab never issued is unknown
 * (InvalidClientTokenId), as in a real account.
 */
public final class LabCredentials implements SigV4Verifier.Credentials {
    /** The lab user's long-term key pair. Throwaway lab values, printed by {@code hybridpane lab}; not secrets. */
    public static final String LAB_ACCESS_KEY_ID = "AKIALAB00000EXAMPLE0";
    public static final String LAB_SECRET_ACCESS_KEY = "lab/secret/not-a-real-key/EXAMPLEKEY00";

    private record Issued(Secret secret, String principalArn) {
    }

    private final Map<String, Issued> keys = new ConcurrentHashMap<>();

    /** Records a key the account issued to a principal (a user's key, or an assumed role's session). */
    public void issue(String accessKeyId, Secret secret, String principalArn) {
        keys.put(Objects.requireNonNull(accessKeyId), new Issued(Objects.requireNonNull(secret),
                Objects.requireNonNull(principalArn)));
    }

    /** Deactivates a key: later requests signed with it are refused as unknown. */
    public void revoke(String accessKeyId) {
        keys.remove(accessKeyId);
    }

    /** Every secret access key and session token of the keys issued and not revoked (for the tests' secret scanner). */
    public List<String> issuedSecrets() {
        List<String> out = new ArrayList<>();
        for (Issued i : keys.values()) {
            out.add(i.secret().secretAccessKey());
            if (i.secret().sessionToken() != null) {
                out.add(i.secret().sessionToken());
            }
        }
        return out;
    }

    @Override
    public Optional<Secret> find(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : keys.get(accessKeyId)).map(Issued::secret);
    }

    /**
     * The account of the principal that owns the key (an ARN's fifth field: {@code arn:aws:sts::ACCOUNT:...}); empty when
     * the lab never issued it.
     */
    public Optional<String> accountId(String accessKeyId) {
        return principalArn(accessKeyId).map(arn -> arn.split(":", 6)).filter(p -> p.length == 6 && !p[4].isEmpty())
                .map(p -> p[4]);
    }

    /** The IAM principal (user or assumed role) that owns the key; empty when the lab never issued it. */
    public Optional<String> principalArn(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : keys.get(accessKeyId)).map(Issued::principalArn);
    }
}
