package dev.hybridpane.core.edge;

/**
 * A host's public key as trusted on this workstation (public data only).
 *
 * @param hostPort "address:port" as the administrator typed the address
 * @param keyType "ecdsa-sha2-nistp256", "ssh-ed25519", ...
 * @param publicKey the OpenSSH public key line ("type base64")
 * @param fingerprint "SHA256:..."
 */
public record KnownHost(String hostPort, String keyType, String publicKey, String fingerprint) {
}
