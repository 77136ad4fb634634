package dev.hybridpane.adapters.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Turns what a PEM parser read into a private key, decrypting it with a passphrase asked only when it is encrypted. */
final class BcKeys {
    /** Not registered: used where named (keys of any PEM form, their signatures, AES-CBC PEM decryption). */
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private BcKeys() {
    }

    /** The private key of a PEM object, or null for another kind of object (EC parameters, a certificate). */
    static PrivateKey privateKey(Object o, Supplier<char[]> passphrase, Path file) {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
        try {
            if (o instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("The CA key file " + file + " holds a private key that cannot be used.");
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
            char[] pass = ask(passphrase, file);
            try {
                return conv.getPrivateKey(enc.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
                        .build(pass)));
            } catch (Exception e) {
                throw wrong(file);
            } finally {
                Arrays.fill(pass, '\0');
            }
        }
        if (o instanceof PEMEncryptedKeyPair enc) {
            char[] pass = ask(passphrase, file);
            try {
                return conv.getPrivateKey(enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(pass))
                        .getPrivateKeyInfo());
            } catch (Exception e) {
                throw wrong(file);
            } finally {
                Arrays.fill(pass, '\0');
            }
        }
        return null;
    }

    private static char[] ask(Supplier<char[]> passphrase, Path file) {
        char[] pass = passphrase == null ? null : passphrase.get();
        if (pass == null || pass.length == 0) {
            throw new IllegalArgumentException("The CA key file " + file + " is encrypted: give its passphrase.");
        }
        return pass;
    }

    private static IllegalArgumentException wrong(Path file) {
        return new IllegalArgumentException("The passphrase does not decrypt the CA key file " + file + ".");
    }
}
