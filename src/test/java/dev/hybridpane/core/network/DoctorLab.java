package dev.hybridpane.core.network;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkActivations;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.aws.SdkHybridAwsPort;
import dev.hybridpane.adapters.aws.SdkNetworkReadPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterNetworkPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.domain.network.ReportText;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One lab and the network doctor on it through the production adapters (SDK clients on the lab's AWS endpoint, fabric8
 * with an EKS token), shared by a doctor lab test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
final class DoctorLab implements AutoCloseable {
    final Lab lab;
    final AwsClientFactory clients;
    final NetworkDoctor doctor;

    private DoctorLab(Lab lab, AwsClientFactory clients, NetworkDoctor doctor) {
        this.lab = lab;
        this.clients = clients;
        this.doctor = doctor;
    }

    static DoctorLab start() {
        Lab lab = Lab.start(LabWorld.load(), null);
        AwsClientFactory clients = AwsClientFactory.forEndpoint(lab.awsEndpoint(), Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY,
                "us-west-2");
        return new DoctorLab(lab, clients, doctor(clients, Clock.systemUTC()));
    }

    /** The doctor on these clients, with its own clock (a later one sees activations expire). */
    static NetworkDoctor doctor(AwsClientFactory clients, Clock clock) {
        SdkAwsPort aws = new SdkAwsPort(clients);
        Fabric8ClusterNetworkPort kube = new Fabric8ClusterNetworkPort(new Fabric8ClusterPort(), c -> new ClusterAccess.EksTokenAccess(
                c.endpoint(), c.certificateAuthority(), new CachingTokens(() -> aws.eksToken(c.ref()), clock)));
        return new NetworkDoctor(aws, new SdkNetworkReadPort(clients), new SdkHybridAwsPort(clients), new SdkActivations(clients),
                kube, clock);
    }

    DoctorReport run(String cluster, String region) {
        return run(doctor, cluster, region);
    }

    static DoctorReport run(NetworkDoctor doctor, String cluster, String region) {
        return doctor.run(new NetworkDoctor.Request(cluster, region, false), null, new CancelToken());
    }

    static Optional<DoctorCheck> find(DoctorReport r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    static DoctorCheck check(DoctorReport r, String id) {
        return find(r, id).orElseThrow(() -> new AssertionError("no " + id + " in\n" + ReportText.render(r)));
    }

    static List<String> failing(DoctorReport r, String area) {
        return r.checks().stream().filter(c -> c.area().equals(area) && c.status() == DoctorStatus.FAIL).map(DoctorCheck::id).toList();
    }

    @Override
    public void close() {
        clients.close();
        lab.close();
    }
}
