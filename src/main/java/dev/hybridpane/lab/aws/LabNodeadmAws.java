package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hybridpane.lab.edge.NodeadmBackend.ClusterView;
import dev.hybridpane.lab.edge.NodeadmBackend.NodeadmBackendException;
import dev.hybridpane.lab.edge.NodeadmBackend.SsmRegistration;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a lab host's nodeadm (and the agents it starts) asks of the lab's AWS account, answered from the emulator's
 * live state as the services answer over the network: EKS DescribeCluster (the same answer the API gives) and the
 * cluster's access entries, the SSM agent's registration with a hybrid activation ({@link SsmRegistry}), and IAM Roles
 * Anywhere CreateSession with the host's certificate. Refusals carry the text nodeadm (or the agent) prints: nodeadm
 * maps the agent's InvalidActivation and ActivationExpired errors to its own two sentences (internal/ssm/daemon.go),
 * and an activation at its limit is an InvalidActivation. Obtain it with {@link AwsEmulator#nodeadm()}.
 */
public final class LabNodeadmAws {
    /** nodeadm's sentence for an InvalidActivation from the agent's registration. */
    public static final String INVALID_ACTIVATION =
            "invalid SSM activation. Please use a valid activation code, activation id and region";
    /** nodeadm's sentence for an ActivationExpired from the agent's registration. */
    public static final String ACTIVATION_EXPIRED = "SSM activation expired. Please use a valid activation";
    /** IAM Roles Anywhere's refusal of a certificate it cannot chain to the trust anchor. */
    public static final String UNTRUSTED_CERTIFICATE = "AccessDeniedException: Untrusted signing certificate";

    private final AwsState state;
    private final SsmRegistry ssm;
    private final IamService iam;
    private final RolesAnywhereService rolesAnywhere;
    private final EksService eks;
    private final Json json;
    private final Clock clock;

    LabNodeadmAws(AwsState state, SsmRegistry ssm, IamService iam, RolesAnywhereService rolesAnywhere, EksService eks,
            Json json, Clock clock) {
        this.state = state;
        this.ssm = ssm;
        this.iam = iam;
        this.rolesAnywhere = rolesAnywhere;
        this.eks = eks;
        this.json = json;
        this.clock = clock;
    }

    /** The cluster's authentication mode (API, API_AND_CONFIG_MAP, CONFIG_MAP); empty: no such cluster. */
    public Optional<String> authenticationMode(String region, String name) {
        return state.cluster(region, name).map(c -> c.authenticationMode());
    }

    /**
     * eks:DescribeCluster as the API answers it now, with the principals of the cluster's HYBRID_LINUX access entries
     * (none in CONFIG_MAP mode, where access entries are not read; the aws-auth ConfigMap is in the cluster).
     */
    public Optional<ClusterView> cluster(String region, String name) {
        AwsRequest r = new AwsRequest("GET", "/clusters/" + name, List.of("clusters", name), Map.of(), Map.of(), new byte[0],
                null, region, "eks", "lab-nodeadm");
        AwsResponse answer = eks.handle("DescribeCluster", r);
        if (answer.status() != 200) {
            return Optional.empty();
        }
        JsonNode c = json.read(answer.body()).path("cluster");
        JsonNode remote = c.path("remoteNetworkConfig");
        List<String> principals = new ArrayList<>();
        if (!"CONFIG_MAP".equals(c.path("accessConfig").path("authenticationMode").asText())) {
            state.accessEntries(region, name).stream().filter(e -> "HYBRID_LINUX".equals(e.type()))
                    .map(LabAccessEntry::principalArn).forEach(principals::add);
        }
        return Optional.of(new ClusterView(name, region, c.path("arn").asText(), c.path("status").asText(),
                c.path("version").asText(), c.path("endpoint").asText(""), c.path("certificateAuthority").path("data").asText(""),
                !remote.isMissingNode(), cidrs(remote.path("remoteNodeNetworks")), cidrs(remote.path("remotePodNetworks")),
                principals));
    }

    private static List<String> cidrs(JsonNode networks) {
        List<String> out = new ArrayList<>();
        networks.forEach(n -> n.path("cidrs").forEach(x -> out.add(x.asText())));
        return out;
    }

    /** amazon-ssm-agent -register: see {@link SsmRegistry#register}. The code is compared, never kept or printed. */
    public SsmRegistration registerSsm(String region, String activationId, String activationCode, String hostname, String ip)
            throws NodeadmBackendException {
        try {
            SsmFleet.ManagedInstance m = ssm.register(state, region, activationId, activationCode, hostname, ip);
            return new SsmRegistration(m.id(), region, m.activation().iamRole());
        } catch (SsmRegistry.RegistrationRefused e) {
            throw new NodeadmBackendException(e.refusal == SsmRegistry.Refusal.ACTIVATION_EXPIRED ? ACTIVATION_EXPIRED
                    : INVALID_ACTIVATION);
        }
    }

    /** A hybrid activation's id and code (the code masked in {@link #toString()}). */
    public record Activation(String activationId, String activationCode) {
        @Override
        public String toString() {
            return "Activation[activationId=" + activationId + ", activationCode=****]";
        }
    }

    /**
     * CreateActivation as the console makes one for a pool (the lab's own seeding of its world's SSM pools): the
     * cluster's SSM Hybrid Nodes role, a registration limit of the pool's size, a short expiry and the EKS user guide's
     * tag EKSClusterARN.
     */
    public Activation createActivation(String region, String iamRole, String defaultInstanceName, String description,
            Duration expiry, int registrationLimit, String clusterArn) {
        SsmRegistry.Created c = ssm.create(region, iamRole, defaultInstanceName, description, clock.instant().plus(expiry),
                registrationLimit, Map.of(HybridNodesRoleGuide.SSM_TAG_KEY, clusterArn));
        return new Activation(c.activationId(), c.activationCode());
    }

    /** The ARNs of a Region's Roles Anywhere trust anchor and profile of these names: {anchor, profile}; empty if either is missing. */
    public Optional<List<String>> rolesAnywhereArns(String region, String trustAnchorName, String profileName) {
        Optional<String> anchor = rolesAnywhere.anchors().stream()
                .filter(a -> a.region().equals(region) && a.name().equals(trustAnchorName)).map(LabRolesAnywhere.Anchor::arn).findFirst();
        Optional<String> profile = rolesAnywhere.profiles().stream()
                .filter(p -> p.region().equals(region) && p.name().equals(profileName)).map(LabRolesAnywhere.Profile::arn).findFirst();
        return anchor.isPresent() && profile.isPresent() ? Optional.of(List.of(anchor.get(), profile.get())) : Optional.empty();
    }

    /** The ARN of the account's IAM role of this name (it need not exist). */
    public String roleArn(String roleName) {
        return "arn:aws:iam::" + state.accountId() + ":role/" + roleName;
    }

    /** DeregisterManagedInstance of the agent's own instance; unknown: nothing. */
    public void deregisterSsm(String region, String instanceId) {
        ssm.deregister(state, region, instanceId);
    }

    /** The agent's ping: a managed instance the agent registered reports its host's OS ("Ubuntu 22.04.5 LTS"). */
    public void reportPlatform(String instanceId, String osImage) {
        ssm.reportPlatform(instanceId, osImage);
    }

    /**
     * IAM Roles Anywhere CreateSession: the trust anchor and profile exist in the Region and are enabled, the profile
     * lists the role and accepts a custom role session name (nodeadm names the session after the node), the role trusts
     * rolesanywhere.amazonaws.com for a session as long as the profile's, its sts:RoleSessionName condition holds (the EKS
     * guide's trust policy requires the session name to be ${aws:PrincipalTag/x509Subject/CN}, the certificate's CN; nodeadm
     * names the session after the node), and the certificate (PEM X.509) is valid now and signed by a CA certificate of the
     * trust anchor's bundle. Returns the role ARN.
     */
    public String rolesAnywhereSession(String region, String trustAnchorArn, String profileArn, String roleArn,
            String roleSessionName, String certificatePem) throws NodeadmBackendException {
        Optional<LabRolesAnywhere.Anchor> anchor = rolesAnywhere.anchors().stream()
                .filter(a -> a.arn().equals(trustAnchorArn) && a.region().equals(region)).findFirst();
        if (anchor.isEmpty()) {
            throw new NodeadmBackendException("ResourceNotFoundException: Trust anchor " + trustAnchorArn + " not found.");
        }
        if (!anchor.get().enabled()) {
            throw new NodeadmBackendException("AccessDeniedException: Trust anchor " + trustAnchorArn + " is disabled");
        }
        Optional<LabRolesAnywhere.Profile> profile = rolesAnywhere.profiles().stream()
                .filter(p -> p.arn().equals(profileArn) && p.region().equals(region)).findFirst();
        if (profile.isEmpty()) {
            throw new NodeadmBackendException("ResourceNotFoundException: Profile " + profileArn + " not found.");
        }
        if (!profile.get().enabled()) {
            throw new NodeadmBackendException("AccessDeniedException: Profile " + profileArn + " is disabled");
        }
        X509Certificate cert = certificate(certificatePem);
        if (!signedBy(cert, anchor.get().pem())) {
            throw new NodeadmBackendException(UNTRUSTED_CERTIFICATE);
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new NodeadmBackendException(UNTRUSTED_CERTIFICATE + ": the certificate is valid from "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant());
        }
        String unable = "AccessDeniedException: Unable to assume role for " + roleArn;
        if (!profile.get().roleArns().contains(roleArn)) {
            throw new NodeadmBackendException(unable);
        }
        if (!profile.get().acceptRoleSessionName()) {
            throw new NodeadmBackendException(unable + ". The profile does not accept a custom role session name.");
        }
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        Optional<IamService.RoleTrust> trust = iam.trust(roleName).filter(t -> t.arn().equals(roleArn));
        if (trust.isEmpty() || !LabTrustPolicies.allows(trust.get().trustPolicy(), "rolesanywhere.amazonaws.com", "sts:AssumeRole")) {
            throw new NodeadmBackendException(unable);
        }
        Optional<String> required = LabTrustPolicies.requiredSessionName(trust.get().trustPolicy(), "rolesanywhere.amazonaws.com",
                commonName(cert));
        if (required.isPresent() && !required.get().equals(roleSessionName)) {
            throw new NodeadmBackendException(unable);
        }
        if (profile.get().durationSeconds() > trust.get().maxSessionDuration()) {
            throw new NodeadmBackendException(unable + ". The requested DurationSeconds exceeds the MaxSessionDuration set for "
                    + "this role.");
        }
        return roleArn;
    }

    private static X509Certificate certificate(String pem) throws NodeadmBackendException {
        try {
            Certificate c = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream((pem == null ? "" : pem).getBytes(StandardCharsets.US_ASCII)));
            if (c instanceof X509Certificate x) {
                return x;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // refused below
        }
        throw new NodeadmBackendException("ValidationException: the signing certificate is not a PEM X.509 certificate");
    }

    /** The subject's CN (x509Subject/CN, as Roles Anywhere maps it to a principal tag), or "". */
    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn r : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(r.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    /** Whether a CA certificate of the bundle issued {@code cert}: same issuer name, and its key verifies the signature. */
    private static boolean signedBy(X509Certificate cert, String bundlePem) {
        Collection<? extends Certificate> cas;
        try {
            cas = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bundlePem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            return false;
        }
        for (Certificate c : cas) {
            if (c instanceof X509Certificate ca && ca.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(ca.getPublicKey());
                    return true;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // not this one
                }
            }
        }
        return false;
    }
}
