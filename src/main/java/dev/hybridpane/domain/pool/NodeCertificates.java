package dev.hybridpane.domain.pool;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * IAM Roles Anywhere node identities: the node name HybridPane gives a pool's host (the certificate's CN, nodeadm's
 * {@code iamRolesAnywhere.nodeName}), and whether a certificate found on a host is still the right one for it (CN, issued
 * by the trust anchor's CA, valid long enough), so a re-run issues nothing new for a host that has a good one.
 */
public final class NodeCertificates {
    /** nodeadm refuses a longer nodeName ("NodeName can't be longer than 64 characters"). */
    public static final int MAX_NODE_NAME = 64;
    /** How long a certificate HybridPane issues is valid. */
    public static final Duration VALIDITY = Duration.ofDays(365);
    /** A certificate found on a host with less left than this is replaced. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private NodeCertificates() {
    }

    /**
     * POOL-HOST, lowercased, as a Kubernetes node name (a DNS-1123 subdomain: a-z, 0-9, '-' and '.', starting and ending
     * alphanumeric), at most 64 characters: a longer one keeps its start and ends with 8 hex digits of a hash of the full
     * name, so two hosts never share one.
     */
    public static String nodeName(String pool, String host) {
        String raw = (pool + "-" + host).toLowerCase(Locale.ROOT);
        String s = raw.replaceAll("[^a-z0-9.-]", "-").replaceAll("-{2,}", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (s.isEmpty()) {
            s = "node";
        }
        if (s.length() > MAX_NODE_NAME) {
            s = s.substring(0, MAX_NODE_NAME - 9).replaceAll("[^a-z0-9]+$", "") + "-"
                    + String.format(Locale.ROOT, "%08x", raw.hashCode());
        }
        return s;
    }

    /** Reads one PEM X.509 certificate, or empty. */
    public static Optional<X509Certificate> parse(String pem) {
        try {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream((pem == null ? "" : pem).getBytes(StandardCharsets.US_ASCII)));
            return c instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The subject's CN, or "". */
    public static String commonName(X509Certificate c) {
        try {
            for (Rdn r : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(r.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    /** Whether the CA certificate's key signed {@code c} (and its subject is c's issuer). */
    public static boolean issuedBy(X509Certificate c, X509Certificate ca) {
        if (!ca.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Why the certificate PEM found on a host is not the one the node needs (empty: it is): not a certificate, another
     * CN, not issued by the CA, not valid yet, or less than {@link #RENEW_BEFORE} left.
     */
    public static Optional<String> problem(String certificatePem, String caCertificatePem, String nodeName, Instant now) {
        Optional<X509Certificate> c = parse(certificatePem);
        if (c.isEmpty()) {
            return Optional.of("no PEM certificate");
        }
        String cn = commonName(c.get());
        if (!cn.equals(nodeName)) {
            return Optional.of("its CN is " + cn + ", not " + nodeName);
        }
        Optional<X509Certificate> ca = parse(caCertificatePem);
        if (ca.isEmpty() || !issuedBy(c.get(), ca.get())) {
            return Optional.of("it was not issued by the trust anchor's CA");
        }
        if (now.isBefore(c.get().getNotBefore().toInstant())) {
            return Optional.of("it is not valid before " + c.get().getNotBefore().toInstant());
        }
        if (now.plus(RENEW_BEFORE).isAfter(c.get().getNotAfter().toInstant())) {
            return Optional.of("it expires " + c.get().getNotAfter().toInstant());
        }
        return Optional.empty();
    }
}
