package dev.hybridpane.lab.edge;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A NodeadmBackend for tests: one cluster, one SSM activation, a Roles Anywhere profile; it records what nodeadm did. */
final class FakeNodeadmBackend implements NodeadmBackend {
    static final String REGION = "us-west-2";
    static final String CLUSTER = "retail-edge";
    static final String ACTIVATION_ID = "0d6e5a4b-3c2d-4e1f-8a9b-0c1d2e3f4a5b";
    static final String ACTIVATION_CODE = "Fjz3/sZfSvv78EXAMPLEcode";
    static final String SSM_ROLE = "retail-edge-hybrid-ssm";
    static final String RA_ROLE = "arn:aws:iam::111122223333:role/retail-edge-hybrid-ra";

    volatile String status = "ACTIVE";
    volatile String version = "1.31";
    volatile boolean remoteNetworkConfig = true;
    volatile List<String> principals = List.of("arn:aws:iam::111122223333:role/retail-edge-hybrid-ssm", RA_ROLE);
    final List<KubeletJoin> joins = Collections.synchronizedList(new ArrayList<>());
    final List<String> stopped = Collections.synchronizedList(new ArrayList<>());
    final List<String> deregistered = Collections.synchronizedList(new ArrayList<>());
    final List<String> registrations = Collections.synchronizedList(new ArrayList<>());
    final Set<String> nodes = Collections.synchronizedSet(new HashSet<>());

    @Override
    public Optional<ClusterView> cluster(String region, String name) {
        if (!REGION.equals(region) || !CLUSTER.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(new ClusterView(CLUSTER, REGION, "arn:aws:eks:us-west-2:111122223333:cluster/retail-edge", status,
                version, "https://4F1C8E2D9A7B3C5E.gr7.us-west-2.eks.amazonaws.com", "LS0tLS1CRUdJTi1DQQ==",
                remoteNetworkConfig, remoteNetworkConfig ? List.of("10.200.0.0/16") : List.of(), List.of("10.201.0.0/16"),
                principals));
    }

    @Override
    public SsmRegistration registerSsm(String region, String activationId, String activationCode, String hostname, String ip)
            throws NodeadmBackendException {
        if (!ACTIVATION_ID.equals(activationId) || !ACTIVATION_CODE.equals(activationCode)) {
            throw new NodeadmBackendException("invalid SSM activation. Please use a valid activation code, activation id and "
                    + "region");
        }
        String id = String.format("mi-%017x", 0x0abc0000L + registrations.size());
        registrations.add(id + " " + hostname + " " + ip);
        return new SsmRegistration(id, region, SSM_ROLE);
    }

    @Override
    public void deregisterSsm(String region, String instanceId) {
        deregistered.add(instanceId);
    }

    @Override
    public String rolesAnywhereSession(String region, String trustAnchorArn, String profileArn, String roleArn,
            String roleSessionName, String certificatePem) throws NodeadmBackendException {
        if (!certificatePem.contains("BEGIN CERTIFICATE")) {
            throw new NodeadmBackendException("AccessDeniedException: Untrusted signing certificate.");
        }
        return roleArn;
    }

    @Override
    public void kubeletStarted(KubeletJoin join) {
        joins.add(join);
        nodes.add(join.nodeName());
    }

    @Override
    public void kubeletStopped(String region, String cluster, String nodeName) {
        stopped.add(nodeName);
    }

    @Override
    public boolean nodeExists(String region, String cluster, String nodeName) {
        return nodes.contains(nodeName);
    }

    /** A PEM certificate with CN and validity window (self-signed; the fake accepts any). */
    static String certificate(String cn, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + cn);
            byte[] der = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(notBefore.toEpochMilli()),
                    Date.from(notBefore), Date.from(notAfter), subject, kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
