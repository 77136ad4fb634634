package dev.hybridpane.adapters.aws;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.hybrid.HybridAwsPort;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.RemoteNodeNetwork;
import software.amazon.awssdk.services.eks.model.RemotePodNetwork;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.rolesanywhere.model.ProfileDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorType;

/**
 * {@link HybridAwsPort} on the SDK v2 clients of an {@link AwsClientFactory} (EKS, IAM, Roles Anywhere): paginators for
 * every list, the SDK's retries (which ride through throttling), and SDK errors translated to {@link AwsFailure}.
 */
public final class SdkHybridAwsPort implements HybridAwsPort {
    private final AwsClientFactory clients;

    public SdkHybridAwsPort(AwsClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public EksUpdate updateRemoteNetworks(ClusterRef ref, List<String> nodeCidrs, List<String> podCidrs) {
        return call("eks:UpdateClusterConfig", () -> update(eks(ref).updateClusterConfig(b -> b.name(ref.name())
                .clientRequestToken(UUID.randomUUID().toString())
                .remoteNetworkConfig(n -> n.remoteNodeNetworks(RemoteNodeNetwork.builder().cidrs(nodeCidrs).build())
                        .remotePodNetworks(podCidrs.isEmpty() ? List.of() : List.of(RemotePodNetwork.builder().cidrs(podCidrs).build()))))
                .update()));
    }

    @Override
    public EksUpdate describeUpdate(ClusterRef ref, String updateId) {
        return call("eks:DescribeUpdate", () -> update(eks(ref).describeUpdate(b -> b.name(ref.name()).updateId(updateId)).update()));
    }

    @Override
    public List<EksUpdate> updatesInProgress(ClusterRef ref) {
        List<String> ids = call("eks:ListUpdates", () -> {
            List<String> out = new ArrayList<>();
            eks(ref).listUpdatesPaginator(b -> b.name(ref.name())).updateIds().forEach(out::add);
            return out;
        });
        List<EksUpdate> out = new ArrayList<>();
        for (String id : ids) {
            EksUpdate u = describeUpdate(ref, id);
            if (u.inProgress()) {
                out.add(u);
            }
        }
        return out;
    }

    private static EksUpdate update(Update u) {
        return new EksUpdate(u.id(), u.typeAsString(), u.statusAsString(),
                u.errors().stream().map(e -> e.errorCodeAsString() + ": " + e.errorMessage()).toList());
    }

    @Override
    public Optional<AccessEntry> describeAccessEntry(ClusterRef ref, String principalArn) {
        return find("eks:DescribeAccessEntry", () -> SdkMapping.accessEntry(
                eks(ref).describeAccessEntry(b -> b.clusterName(ref.name()).principalArn(principalArn)).accessEntry()));
    }

    @Override
    public void createAccessEntry(ClusterRef ref, String principalArn, String type) {
        call("eks:CreateAccessEntry", () -> eks(ref).createAccessEntry(b -> b.clusterName(ref.name()).principalArn(principalArn)
                .type(type).clientRequestToken(UUID.randomUUID().toString())));
    }

    @Override
    public List<Addon> listAddons(ClusterRef ref) {
        List<String> names = call("eks:ListAddons", () -> {
            List<String> out = new ArrayList<>();
            eks(ref).listAddonsPaginator(b -> b.clusterName(ref.name())).addons().forEach(out::add);
            return out;
        });
        List<Addon> out = new ArrayList<>();
        for (String n : names) {
            out.add(call("eks:DescribeAddon", () -> {
                var a = eks(ref).describeAddon(b -> b.clusterName(ref.name()).addonName(n)).addon();
                return new Addon(a.addonName(), a.addonVersion(), a.statusAsString());
            }));
        }
        return out;
    }

    @Override
    public Optional<IamRole> getRole(String roleName) {
        return find("iam:GetRole", () -> role(iam().getRole(b -> b.roleName(roleName)).role()));
    }

    @Override
    public IamRole createRole(String roleName, String trustPolicy, String description, int maxSessionDuration) {
        return call("iam:CreateRole", () -> role(iam().createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(trustPolicy)
                .description(description).maxSessionDuration(maxSessionDuration)).role()));
    }

    private static IamRole role(Role r) {
        String doc = r.assumeRolePolicyDocument() == null ? "" : URLDecoder.decode(r.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        return new IamRole(r.roleName(), r.arn(), doc, r.maxSessionDuration() == null ? 3600 : r.maxSessionDuration());
    }

    @Override
    public List<String> attachedPolicyArns(String roleName) {
        return call("iam:ListAttachedRolePolicies", () -> {
            List<String> out = new ArrayList<>();
            iam().listAttachedRolePoliciesPaginator(b -> b.roleName(roleName)).attachedPolicies().stream()
                    .map(AttachedPolicy::policyArn).forEach(out::add);
            return out;
        });
    }

    @Override
    public void attachRolePolicy(String roleName, String policyArn) {
        call("iam:AttachRolePolicy", () -> iam().attachRolePolicy(b -> b.roleName(roleName).policyArn(policyArn)));
    }

    @Override
    public Optional<String> getRolePolicy(String roleName, String policyName) {
        return find("iam:GetRolePolicy", () -> URLDecoder.decode(
                iam().getRolePolicy(b -> b.roleName(roleName).policyName(policyName)).policyDocument(), StandardCharsets.UTF_8));
    }

    @Override
    public void putRolePolicy(String roleName, String policyName, String document) {
        call("iam:PutRolePolicy", () -> iam().putRolePolicy(b -> b.roleName(roleName).policyName(policyName).policyDocument(document)));
    }

    @Override
    public void updateAssumeRolePolicy(String roleName, String trustPolicy) {
        call("iam:UpdateAssumeRolePolicy", () -> iam().updateAssumeRolePolicy(b -> b.roleName(roleName).policyDocument(trustPolicy)));
    }

    @Override
    public List<TrustAnchor> listTrustAnchors(String region) {
        return call("rolesanywhere:ListTrustAnchors", () -> {
            List<TrustAnchor> out = new ArrayList<>();
            clients.rolesAnywhere(region).listTrustAnchorsPaginator(b -> { }).trustAnchors().forEach(t -> out.add(anchor(t)));
            return out;
        });
    }

    @Override
    public TrustAnchor createTrustAnchor(String region, String name, String certificatePem) {
        return call("rolesanywhere:CreateTrustAnchor", () -> anchor(clients.rolesAnywhere(region).createTrustAnchor(b -> b.name(name)
                .enabled(true).source(s -> s.sourceType(TrustAnchorType.CERTIFICATE_BUNDLE)
                        .sourceData(d -> d.x509CertificateData(certificatePem)))).trustAnchor()));
    }

    private static TrustAnchor anchor(TrustAnchorDetail t) {
        String pem = t.source() == null || t.source().sourceData() == null ? "" : t.source().sourceData().x509CertificateData();
        return new TrustAnchor(t.name(), t.trustAnchorArn(), t.trustAnchorId(), Boolean.TRUE.equals(t.enabled()), pem);
    }

    @Override
    public List<RolesAnywhereProfile> listProfiles(String region) {
        return call("rolesanywhere:ListProfiles", () -> {
            List<RolesAnywhereProfile> out = new ArrayList<>();
            clients.rolesAnywhere(region).listProfilesPaginator(b -> { }).profiles().forEach(p -> out.add(profile(p)));
            return out;
        });
    }

    @Override
    public RolesAnywhereProfile createProfile(String region, String name, String roleArn, int durationSeconds) {
        return call("rolesanywhere:CreateProfile", () -> profile(clients.rolesAnywhere(region).createProfile(b -> b.name(name)
                .roleArns(roleArn).durationSeconds(durationSeconds).acceptRoleSessionName(true).enabled(true)).profile()));
    }

    private static RolesAnywhereProfile profile(ProfileDetail p) {
        return new RolesAnywhereProfile(p.name(), p.profileArn(), p.profileId(), p.roleArns(),
                p.durationSeconds() == null ? 3600 : p.durationSeconds(), Boolean.TRUE.equals(p.acceptRoleSessionName()));
    }

    private EksClient eks(ClusterRef ref) {
        return clients.eks(ref.region());
    }

    private IamClient iam() {
        return clients.iam();
    }

    private <T> Optional<T> find(String operation, Supplier<T> body) {
        try {
            return Optional.of(call(operation, body));
        } catch (AwsFailure f) {
            if (f.kind() == FailureKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw f;
        }
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(operation, e, clients.label());
        }
    }
}
