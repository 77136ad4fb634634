package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host certificate as the pool view shows it: CN, serial, expiry, days left, and the warning 30 days before. */
class HostCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void readsCnSerialAndExpiryAndWarnsThirtyDaysBefore() {
        BcCertificateAuthority pki = new BcCertificateAuthority();
        CertificateAuthorityPort.CaCertificate ca = pki.generate("Test CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        try (CaKey key = pki.readKey(dir.resolve("ca.key"), () -> null)) {
            var year = key.issue(ca.pem(), "edge-a-host-1", Duration.ofDays(365));
            var soon = key.issue(ca.pem(), "edge-a-host-1", Duration.ofDays(29));
            var month = key.issue(ca.pem(), "edge-a-host-1", Duration.ofDays(32));
            var gone = key.issue(ca.pem(), "edge-a-host-1", Duration.ofMinutes(1));
            Instant now = Instant.now(); // after the issues: each has a little less than its validity left
            HostCertificates.HostCertificate c = HostCertificates.of("host-1", "edge-a-host-1", year.certificatePem(), now);
            assertThat(c.readable()).isTrue();
            assertThat(c.commonName()).isEqualTo("edge-a-host-1");
            assertThat(c.serial()).isEqualTo(year.serial());
            assertThat(c.notAfter()).isEqualTo(Instant.parse(year.notAfter()).truncatedTo(ChronoUnit.SECONDS));
            assertThat(c.daysLeft()).isEqualTo(364);
            assertThat(c.warning()).isFalse();
            assertThat(c.expired()).isFalse();
            assertThat(c.summary()).isEqualTo("CN=edge-a-host-1, serial " + year.serial() + ", expires " + c.notAfter()
                    + " (364 days left)");

            HostCertificates.HostCertificate s = HostCertificates.of("host-1", "edge-a-host-1", soon.certificatePem(), now);
            assertThat(s.warning()).isTrue();
            assertThat(s.daysLeft()).isEqualTo(28);
            assertThat(s.summary()).endsWith("(28 days left); expires within 30 days: rotate the pool's certificates");
            assertThat(HostCertificates.of("host-1", "n", month.certificatePem(), now).warning()).isFalse();

            HostCertificates.HostCertificate g = HostCertificates.of("host-1", "edge-a-host-1", gone.certificatePem(),
                    now.plus(Duration.ofMinutes(2)));
            assertThat(g.expired()).isTrue();
            assertThat(g.warning()).isTrue();
            assertThat(g.summary()).endsWith("EXPIRED: rotate the pool's certificates");
        }
        HostCertificates.HostCertificate bad = HostCertificates.of("host-2", "n", "not a certificate", Instant.now());
        assertThat(bad.readable()).isFalse();
        assertThat(bad.summary()).isEqualTo("/etc/iam/pki/server.pem on host-2 holds no PEM certificate");
    }
}
