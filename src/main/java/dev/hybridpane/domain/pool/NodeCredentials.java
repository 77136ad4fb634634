package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.hybrid.CredentialProvider;
import java.util.Objects;

/**
 * How one node gets AWS credentials, as its NodeConfig's {@code spec.hybrid} says: an SSM hybrid activation (the
 * activation code is a secret: {@code toString} masks it) or an IAM Roles Anywhere identity whose certificate and key
 * the console writes to the host.
 */
public sealed interface NodeCredentials {
    String MASK = "****";

    CredentialProvider provider();

    /** {@code spec.hybrid.ssm}: the activation's id and its secret code. */
    record Ssm(String activationId, String activationCode) implements NodeCredentials {
        public Ssm {
            activationId = activationId == null ? "" : activationId;
            activationCode = activationCode == null ? "" : activationCode;
        }

        @Override
        public CredentialProvider provider() {
            return CredentialProvider.SSM;
        }

        @Override
        public String toString() {
            return "Ssm[activationId=" + activationId + ", activationCode=" + MASK + "]";
        }
    }

    /** {@code spec.hybrid.iamRolesAnywhere}; the certificate and key paths are nodeadm's defaults unless given. */
    record RolesAnywhere(String nodeName, String trustAnchorArn, String profileArn, String roleArn,
                         String certificatePath, String privateKeyPath) implements NodeCredentials {
        public static final String CERTIFICATE_PATH = "/etc/iam/pki/server.pem";
        public static final String PRIVATE_KEY_PATH = "/etc/iam/pki/server.key";

        public RolesAnywhere {
            Objects.requireNonNull(nodeName, "nodeName");
            trustAnchorArn = trustAnchorArn == null ? "" : trustAnchorArn;
            profileArn = profileArn == null ? "" : profileArn;
            roleArn = roleArn == null ? "" : roleArn;
            certificatePath = certificatePath == null || certificatePath.isBlank() ? CERTIFICATE_PATH : certificatePath;
            privateKeyPath = privateKeyPath == null || privateKeyPath.isBlank() ? PRIVATE_KEY_PATH : privateKeyPath;
        }

        public RolesAnywhere(String nodeName, String trustAnchorArn, String profileArn, String roleArn) {
            this(nodeName, trustAnchorArn, profileArn, roleArn, CERTIFICATE_PATH, PRIVATE_KEY_PATH);
        }

        @Override
        public CredentialProvider provider() {
            return CredentialProvider.IAM_RA;
        }
    }
}
