package dev.hybridpane.adapters.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The CA bundle the aws CLI would use for AWS's HTTPS endpoints: {@code AWS_CA_BUNDLE}, else the profile's
 * {@code ca_bundle}. As for the CLI, the bundle's certificates REPLACE the default trust store (a TLS-inspecting
 * proxy's CA, or a private endpoint's): the PEM file's CERTIFICATE blocks, any text between them ignored.
 *
 * @param file   the bundle's path
 * @param source what named it, for messages: "AWS_CA_BUNDLE" or "the ca_bundle of profile dev"
 */
record CaBundle(Path file, String source) {
    static final String ENV = "AWS_CA_BUNDLE";
    static final String PROFILE_SETTING = "ca_bundle";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    /** AWS_CA_BUNDLE of {@code env}, else the profile's ca_bundle; empty when neither names a file. */
    static Optional<CaBundle> resolve(Map<String, String> env, Optional<Profile> profile) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new CaBundle(path(fromEnv), ENV));
        }
        return profile.flatMap(p -> p.property(PROFILE_SETTING).filter(v -> !v.isBlank())
                .map(v -> new CaBundle(path(v), "the " + PROFILE_SETTING + " of profile " + p.name())));
    }

    /** For profile {@code name} of the user's AWS config file (or only AWS_CA_BUNDLE when that file cannot be read). */
    static Optional<CaBundle> forUserProfile(String name) {
        Optional<Profile> profile;
        try {
            profile = ProfileFile.defaultProfileFile().profile(name);
        } catch (RuntimeException unreadable) {
            // the sign-in reports the config file's problem itself; the bundle is then only the environment's
            profile = Optional.empty();
        }
        return resolve(System.getenv(), profile);
    }

    /** From the environment only (AWS_CA_BUNDLE). */
    static Optional<CaBundle> fromEnvironment() {
        return resolve(System.getenv(), Optional.empty());
    }

    private static Path path(String value) {
        String v = value.trim();
        if (v.equals("~") || v.startsWith("~/")) {
            v = System.getProperty("user.home") + v.substring(1);
        }
        return Path.of(v);
    }

    /**
     * Trust managers that trust exactly the bundle's certificates.
     *
     * @throws CaBundleException a missing, unreadable or certificate-less file, in one sentence that names it
     */
    TrustManager[] trustManagers() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw problem("does not exist");
        } catch (IOException | SecurityException e) {
            throw problem(Files.isDirectory(file) ? "is a directory, not a PEM file" : "cannot be read");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Matcher m = PEM.matcher(text);
            int n = 0;
            while (m.find()) {
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw problem("holds a certificate that is not valid base64");
                }
                X509Certificate c = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der));
                trusted.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw problem("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw problem("holds a certificate that cannot be read (" + e.getMessage() + ")");
        }
    }

    private CaBundleException problem(String what) {
        return new CaBundleException("The CA bundle " + file + " (from " + source + ") " + what + ".");
    }
}
