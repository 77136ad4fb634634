package dev.hybridpane.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.network.HostProbesTest.ScriptedEdge;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.profile.CniKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host.certificate@HOST from scripted hosts: PASS, WARN within 30 days, FAIL expired or foreign, UNKNOWN unread; none on SSM. */
class HostCertificateChecksTest {
    static final String CAT = "sudo -n cat /etc/iam/pki/server.pem";
    @TempDir
    static Path dir;
    static String caPem;
    static String year;
    static String tenDays;
    static String minute;
    static String foreign;
    static Instant issued;

    @BeforeAll
    static void issue() {
        BcCertificateAuthority pki = new BcCertificateAuthority();
        CaCertificate ca = pki.generate("Austin stores CA", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        CaCertificate other = pki.generate("Someone else's CA", 3650, dir.resolve("o.pem"), dir.resolve("o.key"));
        caPem = ca.pem();
        try (CaKey key = pki.readKey(dir.resolve("ca.key"), () -> null);
             CaKey otherKey = pki.readKey(dir.resolve("o.key"), () -> null)) {
            year = key.issue(ca.pem(), "store-pos-01", Duration.ofDays(365)).certificatePem();
            tenDays = key.issue(ca.pem(), "store-pos-02", Duration.ofDays(10)).certificatePem();
            minute = key.issue(ca.pem(), "store-pos-03", Duration.ofMinutes(1)).certificatePem();
            foreign = otherKey.issue(other.pem(), "store-pos-04", Duration.ofDays(365)).certificatePem();
        }
        issued = Instant.now();
    }

    static HostProbes.Target ra(String host, List<String> cas) {
        EdgeTarget edge = new EdgeTarget(new EdgeHostSpec(host, "127.0.0.1", 22, "ec2-user", "austin-store-112", null), null, null);
        return new HostProbes.Target(host, edge, List.of("10.100.0.0/16"), "", CniKind.CILIUM, HostProbesTest.API, 443,
                "store-pos", "austin-store-112", "amzn", new HostProbes.CertificateCheck("retail-edge", "us-west-2", cas));
    }

    static Map<String, DoctorCheck> run(ScriptedEdge e, Instant now, HostProbes.Target... targets) {
        HostProbes probes = new HostProbes(e, 4, Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.fixed(now, ZoneOffset.UTC));
        return HostProbesTest.byId(probes.probe(List.of(targets), p -> { }, new CancelToken()));
    }

    @Test
    void aCertificateWithMoreThanThirtyDaysPassesWithItsSubjectExpiryAndDaysLeft() {
        ScriptedEdge e = new ScriptedEdge();
        HostProbesTest.healthy(e, "austin-11", "10.200.2.1");
        e.answer("austin-11", CAT, 0, year, "");
        Map<String, DoctorCheck> m = run(e, issued, ra("austin-11", List.of(caPem)));
        assertThat(m).containsOnlyKeys("host.route@austin-11", "host.firewall@austin-11", "host.time@austin-11",
                "host.api@austin-11", "host.certificate@austin-11");
        DoctorCheck c = m.get("host.certificate@austin-11");
        assertThat(c.status()).as(c.summary()).isEqualTo(DoctorStatus.PASS);
        assertThat(c.area()).isEqualTo("host");
        assertThat(c.subjects()).containsExactly("pool:store-pos", "site:austin-store-112");
        assertThat(c.summary()).startsWith("austin-11's certificate CN=store-pos-01 is valid until ").endsWith("(364 days left).");
        assertThat(c.evidence()).contains("$ " + CAT, "issued by the trust anchor's CA", "issuer O=HybridPane,CN=Austin stores CA");
        assertThat(c.evidence()).anyMatch(l -> l.startsWith("subject CN=store-pos-01, serial "))
                .anyMatch(l -> l.startsWith("notAfter ") && l.endsWith("(364 days left)"));
        assertThat(c.evidence()).noneMatch(l -> l.contains("PRIVATE KEY"));
        assertThat(c.fix().present()).isFalse();
        assertThat(e.ran).contains("austin-11: " + CAT).noneMatch(l -> l.contains("server.key"));
    }

    @Test
    void withinThirtyDaysWarnsAndExpiredOrForeignFailsEachWithTheRotateCommand() {
        ScriptedEdge e = new ScriptedEdge();
        for (String h : List.of("austin-12", "austin-13", "austin-14")) {
            HostProbesTest.healthy(e, h, "10.200.2.1");
        }
        e.answer("austin-12", CAT, 0, tenDays, "");
        e.answer("austin-13", CAT, 0, minute, "");
        e.answer("austin-14", CAT, 0, foreign, "");
        Map<String, DoctorCheck> m = run(e, issued.plus(Duration.ofMinutes(2)), ra("austin-12", List.of(caPem)),
                ra("austin-13", List.of(caPem)), ra("austin-14", List.of(caPem)));

        DoctorCheck soon = m.get("host.certificate@austin-12");
        assertThat(soon.status()).isEqualTo(DoctorStatus.WARN);
        assertThat(soon.summary()).contains("CN=store-pos-02 expires ", ", in 9 days: rotate the pool's certificates");
        String rotate = "hybridpane pool rotate-certs store-pos --cluster retail-edge --region us-west-2 --ca-key CA_KEY_FILE "
                + "--ssh-key SSH_KEY_FILE --apply\n";
        assertThat(soon.fix().snippet()).isEqualTo(rotate);
        assertThat(soon.fix().automatic()).isFalse();

        DoctorCheck gone = m.get("host.certificate@austin-13");
        assertThat(gone.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(gone.summary()).contains("CN=store-pos-03 expired at ", "no AWS credentials");
        assertThat(gone.fix().snippet()).isEqualTo(rotate);

        DoctorCheck other = m.get("host.certificate@austin-14");
        assertThat(other.status()).isEqualTo(DoctorStatus.FAIL);
        assertThat(other.summary()).contains("was not issued by the CA of a trust anchor");
        assertThat(other.evidence()).contains("issued by none of the 1 trust anchor CA(s) of the region",
                "issuer O=HybridPane,CN=Someone else's CA");
    }

    @Test
    void withoutTheTrustAnchorsTheIssuerIsNotCheckedAndSaysSo() {
        ScriptedEdge e = new ScriptedEdge();
        HostProbesTest.healthy(e, "austin-14", "10.200.2.1");
        e.answer("austin-14", CAT, 0, foreign, "");
        DoctorCheck c = run(e, issued, ra("austin-14", List.of())).get("host.certificate@austin-14");
        assertThat(c.status()).isEqualTo(DoctorStatus.PASS);
        assertThat(c.evidence()).contains("the issuer was not checked: no trust anchor CA certificate could be read");
    }

    @Test
    void anUnreadableCertificateIsUnknownWithTheReason() {
        ScriptedEdge e = new ScriptedEdge();
        for (String h : List.of("nofile", "garbled", "pw")) {
            HostProbesTest.healthy(e, h, "10.200.2.1");
        }
        e.answer("nofile", CAT, 1, "", "cat: /etc/iam/pki/server.pem: No such file or directory\n");
        e.answer("garbled", CAT, 0, "hello\n", "");
        e.answer("pw", CAT, 1, "", "sudo: a password is required\n");
        Map<String, DoctorCheck> m = run(e, issued, ra("nofile", List.of(caPem)), ra("garbled", List.of(caPem)),
                ra("pw", List.of(caPem)), ra("down", List.of(caPem)));
        assertThat(m.get("host.certificate@nofile").status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(m.get("host.certificate@nofile").summary()).contains("no certificate at /etc/iam/pki/server.pem on nofile");
        assertThat(m.get("host.certificate@garbled").status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(m.get("host.certificate@garbled").summary()).contains("holds no PEM certificate");
        assertThat(m.get("host.certificate@pw").summary()).contains("sudo -n on pw asks for a password");
        DoctorCheck down = m.get("host.certificate@down");
        assertThat(down.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(down.summary()).contains("cannot reach down over SSH", "Connection refused");
        assertThat(m.keySet().stream().filter(id -> id.endsWith("@down"))).hasSize(5);
    }

    @Test
    void theRunnerChecksCertificatesOnlyOnRolesAnywherePoolsHosts() {
        ScriptedEdge e = new ScriptedEdge();
        HostProbesTest.healthy(e, "austin-11", "10.200.2.1");
        HostProbesTest.healthy(e, "dallas-11", "10.200.1.5");
        e.answer("austin-11", CAT, 0, year, "");
        HostProbeRunner runner = new HostProbes(e).runner(h -> Optional.of(new HostProbes.Reach(new EdgeTarget(
                new EdgeHostSpec(h, "127.0.0.1", 22, "ubuntu", "s", null), null, null), "ubuntu")),
                new HostProbes.RolesAnywhere(Set.of("store-pos"), List.of(caPem)));
        List<DoctorCheck> checks = runner.probe(new HostProbeRunner.Context(new ClusterRef("us-west-2", "retail-edge"),
                List.of("10.100.0.0/16"), "cilium", "https://" + HostProbesTest.API), List.of(
                new HostProbeRunner.Target("austin-11", "store-pos", "austin-store-112", ""),
                new HostProbeRunner.Target("dallas-11", "dallas-gpu", "dallas-dc", "10.200.1.5")), new CancelToken());
        Map<String, DoctorCheck> m = HostProbesTest.byId(checks);
        assertThat(m.get("host.certificate@austin-11").status()).isEqualTo(DoctorStatus.PASS);
        assertThat(m).doesNotContainKey("host.certificate@dallas-11").containsKey("host.api@dallas-11");
        assertThat(e.ran).noneMatch(l -> l.startsWith("dallas-11: sudo -n cat"));
        assertThat(m.get("host.certificate@austin-11").fix().present()).isFalse();
    }
}
