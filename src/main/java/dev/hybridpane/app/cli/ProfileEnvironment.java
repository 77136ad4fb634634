package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.aws.AwsClientFactory;
import dev.hybridpane.adapters.aws.SdkAwsPort;
import dev.hybridpane.adapters.kube.Fabric8ClusterPort;
import dev.hybridpane.adapters.kube.Fabric8ProfileStore;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CachingTokens;
import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.core.profile.ProfileStoreException;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.world.LabWorld;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What a profile command runs against: the embedded lab (--lab) or an AWS profile, as {@link CliEnvironment}; the
 * cluster's profiles opened with the console's own EKS token, and its control plane version from DescribeCluster.
 */
final class ProfileEnvironment implements AutoCloseable {
    /** Tests only: a lab already running that --lab uses (and leaves running), so several commands share its state. */
    static volatile Lab sharedLab;

    private final Lab ownLab;
    private final SdkAwsPort aws;
    private ProfileStore.Profiles profiles;
    private ProfileService service;

    private ProfileEnvironment(Lab ownLab, AwsClientFactory clients) {
        this.ownLab = ownLab;
        this.aws = new SdkAwsPort(clients);
    }

    static ProfileEnvironment open(ProfileTarget target) {
        if (target.lab) {
            Lab shared = sharedLab;
            Lab lab = shared != null ? shared : Lab.start(LabWorld.load(), null);
            return new ProfileEnvironment(shared != null ? null : lab, AwsClientFactory.forEndpoint(lab.awsEndpoint(),
                    Lab.ACCESS_KEY_ID, Lab.SECRET_ACCESS_KEY, target.region));
        }
        return new ProfileEnvironment(null, AwsClientFactory.forProfile(target.profile == null ? "default" : target.profile,
                TerminalMfaPrompt.INSTANCE));
    }

    /** The cluster's profiles (DescribeCluster, then its Kubernetes API with the EKS token). */
    ProfileService service(ClusterRef ref) {
        if (service == null) {
            Cluster c = aws.describeCluster(ref);
            ClusterAccess access = new ClusterAccess.EksTokenAccess(c.endpoint(), c.certificateAuthority(),
                    new CachingTokens(() -> aws.eksToken(ref), Clock.systemUTC()));
            profiles = new Fabric8ProfileStore(new Fabric8ClusterPort()).open(ref, access);
            service = new ProfileService(profiles, ref.name(), c.version(), Clock.systemUTC());
        }
        return service;
    }

    /** Who saves a version: the caller's IAM identity. */
    String caller() {
        return aws.callerIdentity().arn();
    }

    interface Body {
        int run(ProfileEnvironment env) throws Exception;
    }

    /** Runs a command's body; a failure is one line: invalid input exit 2, anything else that failed exit 1. */
    static int run(ProfileTarget target, PrintWriter err, Body body) throws Exception {
        try (ProfileEnvironment env = open(target)) {
            return body.run(env);
        } catch (ProfileStoreException | AwsFailure e) {
            err.println(e.getMessage());
            err.flush();
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("invalid: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    @Override
    public void close() {
        if (profiles != null) {
            profiles.close();
        }
        aws.close();
        if (ownLab != null) {
            ownLab.close();
        }
    }
}
