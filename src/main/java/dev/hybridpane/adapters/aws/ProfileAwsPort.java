package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.core.EksToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS port of a named profile: every call as the wrapped port makes it, and a failure to get the profile's
 * credentials (or a denied eks:ListClusters) becomes an {@link AwsFailure} that carries the {@link CredentialProblem}
 * in the user's words. The SDK's credential providers throw more than SdkExceptions (a credential_process's
 * IllegalStateException, a missing SSO cache file's UncheckedIOException): those are told apart here too.
 */
final class ProfileAwsPort implements AwsPort {
    private final AwsPort delegate;
    private final String profile;
    private final ProfileFile file;

    ProfileAwsPort(AwsPort delegate, String profile, ProfileFile file) {
        this.delegate = delegate;
        this.profile = profile;
        this.file = file;
    }

    @Override
    public CallerIdentity callerIdentity() {
        return call("sts:GetCallerIdentity", null, delegate::callerIdentity);
    }

    @Override
    public List<String> listClusters(String region) {
        return call("eks:ListClusters", region, () -> delegate.listClusters(region));
    }

    @Override
    public Cluster describeCluster(ClusterRef ref) {
        return call("eks:DescribeCluster", ref.region(), () -> delegate.describeCluster(ref));
    }

    @Override
    public List<AccessEntry> listAccessEntries(ClusterRef ref) {
        return call("eks:ListAccessEntries", ref.region(), () -> delegate.listAccessEntries(ref));
    }

    @Override
    public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds,
            List<String> securityGroupIds) {
        return call("ec2:DescribeVpcs", region, () -> delegate.describeNetwork(region, vpcId, subnetIds,
                securityGroupIds));
    }

    @Override
    public EksToken eksToken(ClusterRef ref) {
        return call("sts:GetCallerIdentity", ref.region(), () -> delegate.eksToken(ref));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T call(String operation, String region, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw translate(operation, region, e);
        }
    }

    /** The failure with its credential problem when it has one; else the failure as it was. */
    RuntimeException translate(String operation, String region, RuntimeException e) {
        Optional<CredentialProblem> problem = CredentialProblems.classify(profile, file, operation, region, e);
        if (problem.isEmpty()) {
            return e;
        }
        CredentialProblem p = problem.get();
        AwsFailure failure = e instanceof AwsFailure f ? f : null;
        FailureKind kind = failure != null ? failure.kind() : switch (p.kind()) {
            case SSO_EXPIRED -> FailureKind.EXPIRED_CREDENTIALS;
            case ACCESS_DENIED -> FailureKind.ACCESS_DENIED;
            default -> FailureKind.NO_CREDENTIALS;
        };
        String sentence = failure != null && p.regional() ? failure.getMessage()
                : operation + " could not run: " + p.title() + (p.detail().isEmpty() ? "." : ". " + p.detail());
        // the cause is kept for what it tells a developer, except a process's output, which may hold secrets
        Throwable cause = p.kind() == CredentialProblem.Kind.PROCESS_FAILED ? null
                : failure != null ? failure.getCause() : e;
        return new AwsFailure(kind, operation, failure == null ? null : failure.errorCode(), sentence, cause, p);
    }
}
