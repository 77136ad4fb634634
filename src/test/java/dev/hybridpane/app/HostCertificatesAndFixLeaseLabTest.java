package dev.hybridpane.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8LeaseLock;
import dev.hybridpane.adapters.pki.BcCertificateAuthority;
import dev.hybridpane.core.edge.EdgeException;
import dev.hybridpane.core.edge.EdgeTarget;
import dev.hybridpane.core.edge.ProbeResult;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaCertificate;
import dev.hybridpane.core.hybrid.CertificateAuthorityPort.CaKey;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.NetworkDoctor;
import dev.hybridpane.core.network.NetworkFixes;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.SudoMode;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.edge.LabEdgeHosts;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `doctor --hosts` on the lab reads each Roles Anywhere host's certificate over real SSH (one doctor run): retail-edge's
 * store-pos host austin-11 as seeded passes; one given a certificate that expires in ten days (from a CA that a colleague made a
 * second trust anchor of) warns, one from a CA no anchor holds fails, one with its certificate removed is unknown; the
 * SSM pool's hosts get no certificate check. And `doctor --fix --apply`'s apply holds the cluster's network-fix Lease:
 * refused naming the other holder while another workstation holds it, released when the run ends.
 */
class HostCertificatesAndFixLeaseLabTest {
    static final String PEM = "/etc/iam/pki/server.pem";
    @TempDir
    static Path dir;
    static Lab lab;
    static AwsClientFactory clients;
    static MinaEdgePort edge;
    static NetworkDoctors doctors;

    @BeforeAll
    static void start() {
        lab = Lab.start(LabWorld.load(), null);
        lab.awaitSeeded();
        clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, "us-west-2");
        FileKnownHostsStore known = new FileKnownHostsStore(dir.resolve("known_hosts"));
        edge = new MinaEdgePort(known);
        for (LabEdgeHosts.LabEdgeHost h : lab.edgeHosts().hosts()) {
            EdgeTarget t = new EdgeTarget(new EdgeHostSpec(h.name(), "127.0.0.1", h.port(), h.user(), "any",
                    SudoMode.PASSWORDLESS), identity(), null);
            try (var s = edge.connect(t, Duration.ofSeconds(10))) {
                // already trusted
            } catch (EdgeException e) {
                if (e.failure() instanceof ProbeResult.UnknownHostKey u) {
                    known.trust(u.offered());
                }
            }
        }
        doctors = new NetworkDoctors(clients, new Fabric8ClusterPort(), edge, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (doctors != null) {
            doctors.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    static SshIdentity identity() {
        return new SshIdentity(lab.edgeHosts().loginKeyPath(), null);
    }

    static void install(String host, String pem) {
        var r = lab.edgeHosts().exec(host, "sudo -n install -D -m 0644 /dev/stdin " + PEM, pem.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.exit()).as(r.stderr()).isZero();
    }

    @Test
    void seededCertificatesPassAndNearExpiryForeignAndMissingOnesAreCaught() {
        // a colleague makes a second trust anchor from a new CA and issues austin-12 a certificate for ten days
        BcCertificateAuthority pki = new BcCertificateAuthority();
        CaCertificate ca = pki.generate("Austin stores CA 2", 3650, dir.resolve("ca.pem"), dir.resolve("ca.key"));
        CaCertificate stranger = pki.generate("Stranger CA", 3650, dir.resolve("s.pem"), dir.resolve("s.key"));
        new SdkHybridAwsPort(clients).createTrustAnchor("us-west-2", "austin-stores-2", ca.pem());
        try (CaKey key = pki.readKey(dir.resolve("ca.key"), () -> null);
             CaKey strangerKey = pki.readKey(dir.resolve("s.key"), () -> null)) {
            install("austin-12", key.issue(ca.pem(), "store-pos-02", Duration.ofDays(10)).certificatePem());
            install("austin-13", strangerKey.issue(stranger.pem(), "store-pos-03", Duration.ofDays(365)).certificatePem());
        }
        assertThat(lab.edgeHosts().exec("austin-14", "sudo -n rm -f " + PEM, null).exit()).isZero();

        DoctorReport after = doctors.diagnose(new ClusterRef("us-west-2", "retail-edge"), identity(), NetworkDoctor.Progress.NONE,
                new CancelToken());
        Map<String, DoctorCheck> a = after.checks().stream().collect(Collectors.toMap(DoctorCheck::id, Function.identity()));
        DoctorCheck seeded = a.get("host.certificate@austin-11");
        assertThat(seeded).as(ReportText.render(after)).isNotNull();
        assertThat(seeded.status()).as(seeded.summary() + "\n" + seeded.evidence()).isEqualTo(DoctorStatus.PASS);
        assertThat(seeded.summary()).startsWith("austin-11's certificate CN=store-pos-01 is valid until ");
        assertThat(seeded.evidence()).contains("issued by the trust anchor's CA");
        assertThat(seeded.subjects()).contains("pool:store-pos");
        assertThat(a.keySet()).as("the SSM pool's hosts hold no certificate").noneMatch(id -> id.startsWith("host.certificate@dallas"))
                .contains("host.api@dallas-18");
        DoctorCheck soon = a.get("host.certificate@austin-12");
        assertThat(soon.status()).as(soon.summary()).isEqualTo(DoctorStatus.WARN);
        assertThat(soon.summary()).contains("CN=store-pos-02 expires ", "in 9 days");
        assertThat(soon.fix().snippet()).startsWith("hybridpane pool rotate-certs store-pos --cluster retail-edge --region "
                + "us-west-2 --ca-key ");
        DoctorCheck foreign = a.get("host.certificate@austin-13");
        assertThat(foreign.status()).as(foreign.summary()).isEqualTo(DoctorStatus.FAIL);
        assertThat(foreign.summary()).contains("was not issued by the CA of a trust anchor");
        DoctorCheck missing = a.get("host.certificate@austin-14");
        assertThat(missing.status()).isEqualTo(DoctorStatus.UNKNOWN);
        assertThat(missing.summary()).contains("no certificate at " + PEM + " on austin-14");
        assertThat(after.exitCode(false)).as("a failing certificate fails the doctor").isEqualTo(1);
    }

    @Test
    void aFixApplyHoldsTheClustersNetworkFixLeaseAndIsRefusedWhileAnotherWorkstationHoldsIt() throws Exception {
        // warehouse-edge's planted fault: no route for the remote pod CIDR 10.211.0.0/16 (the VGW carries the others)
        Map<String, String> params = Map.of("routeTableId", "rtb-0d4e5f60718293a41", "destinationCidr", "10.211.0.0/16",
                "targetKind", "vpnGateway", "targetId", "vgw-0e8f9a0b1c2d3e4f5");
        FixPlan plan = new FixPlan("warehouse-edge", "eu-central-1", List.of(new FixPlan.Change(NetworkFixes.CREATE_ROUTE, params,
                "create route 10.211.0.0/16 → vgw-0e8f9a0b1c2d3e4f5 in rtb-0d4e5f60718293a41",
                List.of("aws.routes@rtb-0d4e5f60718293a41:10.211.0.0/16"))), List.of(), List.of());
        try (Fabric8LeaseLock other = new Fabric8LeaseLock(lab.kube().client("eu-central-1/warehouse-edge"), PoolStore.NAMESPACE,
                Clock.systemUTC())) {
            try (OperationLock.Held held = other.acquire(NetworkFixes.LOCK, "arn:aws:iam::111122223333:user/bo on ws-2",
                    NetworkFixes.LOCK_TTL)) {
                assertThatThrownBy(() -> doctors.applyFixes(plan, new CancelToken(), j -> { }))
                        .isInstanceOfSatisfying(LockedException.class, e -> assertThat(NetworkFixes.refusal("warehouse-edge", e))
                                .startsWith("The network of warehouse-edge is being fixed from another workstation: network-fix is "
                                        + "locked by arn:aws:iam::111122223333:user/bo on ws-2 since "));
                assertThat(lab.kube().client("eu-central-1/warehouse-edge").leases().inNamespace(PoolStore.NAMESPACE)
                        .withName("hybridpane-network-fix").get().getSpec().getHolderIdentity())
                        .isEqualTo("arn:aws:iam::111122223333:user/bo on ws-2");
                assertThat(clients.ec2("eu-central-1").describeRouteTables(r -> r.routeTableIds("rtb-0d4e5f60718293a41"))
                        .routeTables().get(0).routes()).as("nothing changed").noneMatch(r -> "10.211.0.0/16".equals(
                                r.destinationCidrBlock()));
            }
            List<OperationLock.LockState> during = new ArrayList<>();
            Journal j = doctors.applyFixes(plan, new CancelToken(), x -> other.state(NetworkFixes.LOCK).ifPresent(during::add));
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(during).as("held by this workstation's caller while it ran").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.holder()).startsWith("arn:aws:").contains(" on "));
            assertThat(other.state(NetworkFixes.LOCK)).as("released at the end").isEmpty();
            assertThat(clients.ec2("eu-central-1").describeRouteTables(r -> r.routeTableIds("rtb-0d4e5f60718293a41"))
                    .routeTables().get(0).routes()).anyMatch(r -> "10.211.0.0/16".equals(r.destinationCidrBlock()));
        }
    }
}
