package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import dev.hybridpane.adapters.edge.MinaEdgePort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.app.ConfigDirs;
import dev.hybridpane.app.NetworkDoctors;
import dev.hybridpane.core.edge.SshIdentity;
import dev.hybridpane.core.network.FixPlan;
import dev.hybridpane.core.network.NetworkDoctor;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.OperationLock.LockedException;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * `hybridpane doctor` against AWS (a profile; AWS_ENDPOINT_URL is honoured by the SDK) or the lab (--lab): the console's
 * own {@link NetworkDoctors} (checks on the SDK and fabric8 adapters, hosts over SSH with HybridPane's known_hosts and
 * the --ssh-key, fixes journaled in the cluster so a re-run, or the console on another workstation, resumes them).
 */
final class AwsDoctorSession implements DoctorSession {
    private final Lab ownLab;
    private final MinaEdgePort edge;
    private final NetworkDoctors doctors;
    private final DoctorCommand options;

    private AwsDoctorSession(Lab ownLab, AwsClientFactory clients, DoctorCommand options) {
        this.ownLab = ownLab;
        Path known = options.knownHosts != null ? options.knownHosts : ConfigDirs.current().resolve("known_hosts");
        this.edge = new MinaEdgePort(new FileKnownHostsStore(known));
        this.doctors = new NetworkDoctors(clients, new Fabric8ClusterPort(), edge, Clock.systemUTC());
        this.options = options;
    }

    static DoctorSession open(DoctorCommand c) {
        if (c.target.lab) {
            Lab shared = PoolEnvironment.sharedLab;
            Lab lab = shared != null ? shared : Lab.start(LabWorld.load(), null);
            return new AwsDoctorSession(shared != null ? null : lab, AwsClientFactory.forEndpoint(lab.awsEndpoint(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, c.target.region), c);
        }
        return new AwsDoctorSession(null, AwsClientFactory.forProfile(
                c.target.profile == null ? "default" : c.target.profile, TerminalMfaPrompt.INSTANCE), c);
    }

    @Override
    public DoctorReport diagnose(String cluster, String region, boolean hosts, CancelToken cancel) {
        return doctors.diagnose(new ClusterRef(region, cluster), hosts ? new SshIdentity(options.sshKey, null) : null,
                NetworkDoctor.Progress.NONE, cancel);
    }

    @Override
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> listener) throws LockedException {
        return doctors.applyFixes(plan, cancel, listener);
    }

    @Override
    public void close() {
        doctors.close();
        edge.close();
        if (ownLab != null) {
            ownLab.close();
        }
    }
}
