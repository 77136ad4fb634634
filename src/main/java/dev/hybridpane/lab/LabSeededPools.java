package dev.hybridpane.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.lab.aws.LabNodeadmAws;
import dev.hybridpane.lab.edge.LabEdgeHosts.HostCommandResult;
import dev.hybridpane.lab.edge.LabHostFleet;
import dev.hybridpane.lab.edge.LabHostProfile;
import dev.hybridpane.lab.kube.LabApiServer;
import dev.hybridpane.lab.kube.LabKube;
import dev.hybridpane.lab.kube.LabPoolObjects;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabHybridRole;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the lab world's seeded pools real when the lab starts, as an administrator's {@code pool apply} would have: for
 * each pool that names edge hosts, one SSM hybrid activation (or the Roles Anywhere trust anchor's certificates), then
 * on each host, in-process (no SSH round trip), the commands the console runs (NTP, the NodeConfig at
 * /etc/hybridpane/nodeconfig.yaml, {@code nodeadm install}, {@code nodeadm init}). The hosts' simulated nodeadm
 * registers them with the lab's SSM (or opens a Roles Anywhere session) and their kubelets register the Nodes. Then the
 * inventory (Site, EdgeHost) and the HybridNodePool objects with their status are stored, so that the inventory, the
 * pools, the Nodes and SSM agree from the first start.
 */
final class LabSeededPools {
    static final String NODECONFIG = "/etc/hybridpane/nodeconfig.yaml";
    /** The store pool's host certificates (CN = node name), issued by the world's trust anchor CA, whose key was not kept. */
    static final String CERTIFICATES = "/dev/hybridpane/lab/seeded-node-certificates.pem";
    private static final Pattern INSTANCE = Pattern.compile("\"ManagedInstanceID\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\\s*");

    private final LabWorld world;
    private final LabKube kube;
    private final LabNodeadmAws aws;
    private final LabHostFleet fleet;
    private final Instant now;
    private Map<String, String> certificates;

    LabSeededPools(LabWorld world, LabKube kube, LabNodeadmAws aws, LabHostFleet fleet, Clock clock) {
        this.world = world;
        this.kube = kube;
        this.aws = aws;
        this.fleet = fleet;
        this.now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Seeds every hosted pool of every cluster the lab serves. Returns each seeded host's API server ("region/cluster").
     *
     * @throws IllegalStateException when a host of the world refuses (the world and its hosts disagree)
     */
    Map<String, String> seed() {
        Map<String, String> seeded = new LinkedHashMap<>();
        for (LabCluster c : world.clusters()) {
            if (c.sites().stream().flatMap(s -> s.pools().stream()).noneMatch(LabPool::hosted)) {
                continue;
            }
            LabApiServer server = kube.server(LabKube.key(c.region(), c.name()));
            List<ObjectNode> sites = new ArrayList<>();
            List<ObjectNode> hosts = new ArrayList<>();
            Map<ObjectNode, List<LabPoolObjects.Member>> pools = new LinkedHashMap<>();
            for (LabSite site : c.sites()) {
                boolean any = false;
                for (LabPool pool : site.pools()) {
                    if (pool.hosted()) {
                        any = true;
                        List<LabPoolObjects.Member> members = join(c, site, pool);
                        members.forEach(m -> hosts.add(edgeHost(fleet.profile(m.host()), pool.name(), m.node())));
                        pools.put(poolObject(site, pool), members);
                    }
                }
                if (any) {
                    sites.add(siteObject(site));
                }
            }
            LabPoolObjects.storeInventory(server, sites, hosts, now);
            pools.forEach((pool, members) -> LabPoolObjects.storePool(server, pool, members, now));
            hosts.forEach(h -> seeded.put(h.path("metadata").path("name").asText(), LabKube.key(c.region(), c.name())));
        }
        return seeded;
    }

    /** Installs and initialises the pool's hosts; returns host to node name, in the pool's host order. */
    private List<LabPoolObjects.Member> join(LabCluster c, LabSite site, LabPool pool) {
        JsonNode version = profileVersion(c, pool);
        JsonNode k8s = version.path("kubernetes");
        String provider = k8s.path("credentialProvider").asText(pool.credentialProvider());
        if (!provider.equals(pool.credentialProvider())) {
            throw new IllegalStateException("the lab's pool " + pool.name() + " uses " + pool.credentialProvider()
                    + " but its profile version says " + provider);
        }
        LabHybridRole role = c.hybridRoles().stream().filter(r -> provider.equals(r.credentialProvider())).findFirst()
                .orElseThrow(() -> new IllegalStateException(c.name() + " has no " + provider + " Hybrid Nodes role for pool "
                        + pool.name()));
        ObjectNode hybrid = JsonNodeFactory.instance.objectNode();
        List<String> raArns = List.of();
        if (provider.equals("ssm")) {
            LabNodeadmAws.Activation a = aws.createActivation(c.region(), role.name(), pool.name(), "EKS hybrid nodes of "
                    + c.name() + ": " + site.name() + "/" + pool.name(), Duration.ofHours(1), pool.hosts().size(),
                    c.arn(world.accountId()));
            hybrid.putObject("ssm").put("activationCode", a.activationCode()).put("activationId", a.activationId());
        } else {
            raArns = aws.rolesAnywhereArns(c.region(), role.trustAnchor(), role.profile()).orElseThrow(() ->
                    new IllegalStateException(c.name() + " has no Roles Anywhere trust anchor " + role.trustAnchor()
                            + " and profile " + role.profile() + " for pool " + pool.name()));
        }
        List<String> ntp = new ArrayList<>();
        version.path("os").path("ntpServers").forEach(n -> ntp.add(n.asText()));
        String installVersion = k8s.path("version").asText(c.version());
        String containerd = k8s.path("containerdSource").asText("distro");
        List<LabPoolObjects.Member> members = new ArrayList<>();
        for (int i = 0; i < pool.hosts().size(); i++) {
            String host = pool.hosts().get(i);
            LabHostProfile p = fleet.profile(host);
            if (!p.site().equals(site.name())) {
                throw new IllegalStateException("the lab's pool " + pool.name() + " names host " + host + " of site " + p.site());
            }
            if (provider.equals("iam-ra")) {
                String nodeName = String.format("%s-%02d", pool.name(), i + 1);
                hybrid.putObject("iamRolesAnywhere").put("nodeName", nodeName).put("trustAnchorArn", raArns.get(0))
                        .put("profileArn", raArns.get(1)).put("roleArn", aws.roleArn(role.name()))
                        .put("certificatePath", "/etc/iam/pki/server.pem").put("privateKeyPath", "/etc/iam/pki/server.key");
                run(host, "sudo -n install -D -m 0644 /dev/stdin /etc/iam/pki/server.pem", certificate(nodeName));
                run(host, "sudo -n install -D -m 0600 /dev/stdin /etc/iam/pki/server.key", "# the private key of " + nodeName
                        + "'s certificate (the lab's seeded world does not keep it)\n");
            }
            if (!ntp.isEmpty()) {
                boolean ubuntu = p.distro().startsWith("ubuntu");
                StringBuilder conf = new StringBuilder();
                ntp.forEach(s -> conf.append("server ").append(s).append(" iburst\n"));
                run(host, "sudo -n install -D -m 0644 /dev/stdin " + (ubuntu ? "/etc/chrony/conf.d/hybridpane.conf"
                        : "/etc/chrony.d/hybridpane.conf"), conf.toString());
                run(host, "sudo -n systemctl restart " + (ubuntu ? "chrony" : "chronyd"), null);
            }
            run(host, "sudo -n install -D -m 0600 /dev/stdin " + NODECONFIG, nodeConfig(c, site, pool, k8s, hybrid).toString());
            run(host, "sudo -n nodeadm install " + installVersion + " -p " + provider + " -s " + containerd, null);
            run(host, "sudo -n nodeadm init -c file://" + NODECONFIG, null);
            String node;
            if (provider.equals("ssm")) {
                Matcher m = INSTANCE.matcher(run(host, "sudo -n cat /var/lib/amazon/ssm/registration", null).stdout());
                if (!m.find()) {
                    throw new IllegalStateException("lab host " + host + " has no SSM registration after nodeadm init");
                }
                node = m.group(1);
            } else {
                node = hybrid.path("iamRolesAnywhere").path("nodeName").asText();
            }
            members.add(new LabPoolObjects.Member(host, node));
        }
        return members;
    }

    /** The NodeConfig the console writes for a host of this pool (JSON, which is YAML too). */
    private static ObjectNode nodeConfig(LabCluster c, LabSite site, LabPool pool, JsonNode k8s, ObjectNode hybrid) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("hybridpane.dev/pool", pool.name());
        labels.put("hybridpane.dev/site", site.name());
        labels.put("hybridpane.dev/profile", pool.profile().name());
        labels.put("hybridpane.dev/profile-version", Integer.toString(pool.profile().version()));
        Set<String> taints = new LinkedHashSet<>();
        List<String> other = new ArrayList<>();
        for (JsonNode f : k8s.path("kubeletFlags")) {
            String flag = f.asText().strip();
            if (flag.startsWith("--node-labels=")) {
                for (String kv : flag.substring("--node-labels=".length()).split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        labels.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            } else if (flag.startsWith("--register-with-taints=")) {
                taints.addAll(List.of(flag.substring("--register-with-taints=".length()).split(",")));
            } else {
                other.add(flag);
            }
        }
        ObjectNode cfg = JsonNodeFactory.instance.objectNode().put("apiVersion", "node.eks.aws/v1alpha1").put("kind", "NodeConfig");
        ObjectNode spec = cfg.putObject("spec");
        spec.putObject("cluster").put("name", c.name()).put("region", c.region());
        ObjectNode kubelet = spec.putObject("kubelet");
        if (k8s.path("kubeletConfig").size() > 0) {
            kubelet.set("config", k8s.path("kubeletConfig").deepCopy());
        }
        ArrayNode flags = kubelet.putArray("flags");
        flags.add("--node-labels=" + String.join(",", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        if (!taints.isEmpty()) {
            flags.add("--register-with-taints=" + String.join(",", taints));
        }
        other.forEach(flags::add);
        spec.set("hybrid", hybrid.deepCopy());
        return cfg;
    }

    private static JsonNode profileVersion(LabCluster c, LabPool pool) {
        if (pool.profile() == null) {
            throw new IllegalStateException("the lab's pool " + pool.name() + " names edge hosts but no profile");
        }
        for (ObjectNode p : c.profileObjects()) {
            if (pool.profile().name().equals(p.path("metadata").path("name").asText())) {
                for (JsonNode v : p.path("spec").path("versions")) {
                    if (v.path("version").asInt() == pool.profile().version()) {
                        return v;
                    }
                }
            }
        }
        throw new IllegalStateException("the lab's pool " + pool.name() + " names profile " + pool.profile().name() + " v"
                + pool.profile().version() + ", which " + c.name() + " does not have");
    }

    private HostCommandResult run(String host, String command, String stdin) {
        HostCommandResult r = fleet.execNow(host, command, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
        if (r.exit() != 0) {
            String err = (r.stderr() + r.stdout()).strip();
            throw new IllegalStateException("lab host " + host + " refused `" + command + "` (exit " + r.exit() + "): "
                    + err.substring(Math.max(0, err.length() - 400)));
        }
        return r;
    }

    private ObjectNode siteObject(LabSite site) {
        ObjectNode o = LabPoolObjects.object("Site", site.name());
        ObjectNode spec = o.putObject("spec").put("description", site.description());
        spec.putArray("nodeCidrs").add(site.nodeCidr());
        ArrayNode pods = spec.putArray("podCidrs");
        site.podCidrs().forEach(pods::add);
        spec.putArray("ntpServers");
        return o;
    }

    /** The EdgeHost as an import leaves it, then in its pool: its spec, and the facts its host reports. */
    private ObjectNode edgeHost(LabHostProfile p, String pool, String node) {
        ObjectNode o = LabPoolObjects.object("EdgeHost", p.name());
        o.putObject("spec").put("address", "127.0.0.1").put("port", fleet.port(p.name())).put("user", p.user())
                .put("site", p.site()).put("sudo", p.sudoPassword() == null ? "passwordless" : "password");
        String release = run(p.name(), "cat /etc/os-release", null).stdout();
        String kubelet = run(p.name(), "sudo -n cat /usr/bin/kubelet", null).stdout().lines()
                .filter(l -> l.startsWith("Kubernetes ")).map(l -> l.substring("Kubernetes ".length()).strip()).findFirst()
                .orElse(null);
        ObjectNode status = o.putObject("status").put("phase", "InPool").put("hostname", p.name())
                .put("os", osRelease(release, "PRETTY_NAME")).put("osId", osRelease(release, "ID"))
                .put("osVersion", osRelease(release, "VERSION_ID")).put("arch", p.arch()).put("cpus", p.cpus())
                .put("memoryMiB", p.memKiB() / 1024).put("diskFreeGiB", Math.round(p.diskFreeKiB() / 1024.0 / 1024 * 10) / 10.0);
        status.putArray("addresses").add(p.ip());
        status.put("defaultRoute", p.gateway()).put("nodeIp", p.ip()).put("timeSynced", p.ntpSynced()).put("swapOn", p.swap())
                .put("nodeadmVersion", run(p.name(), "nodeadm version", null).stdout().strip())
                .put("kubeletVersion", kubelet).put("existingNode", node).put("sudoOk", p.sudoPassword() == null);
        status.putArray("checks");
        status.put("pool", pool).put("lastSeen", now.toString());
        return o;
    }

    private static String osRelease(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).replace("\"", ""))
                .findFirst().orElse("");
    }

    private ObjectNode poolObject(LabSite site, LabPool pool) {
        ObjectNode o = LabPoolObjects.object("HybridNodePool", pool.name());
        ObjectNode spec = o.putObject("spec").put("site", site.name());
        spec.putObject("profile").put("name", pool.profile().name()).put("version", pool.profile().version());
        if (pool.architecture() != null) {
            spec.put("architecture", pool.architecture());
        }
        ArrayNode hosts = spec.putArray("hosts");
        pool.hosts().forEach(h -> hosts.addObject().put("host", h));
        return o;
    }

    /** The seeded certificate whose subject CN is {@code nodeName}, as PEM. */
    private String certificate(String nodeName) {
        if (certificates == null) {
            certificates = new LinkedHashMap<>();
            String all;
            try (InputStream in = LabSeededPools.class.getResourceAsStream(CERTIFICATES)) {
                if (in == null) {
                    throw new IllegalStateException(CERTIFICATES + " is missing from the class path");
                }
                all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + CERTIFICATES, e);
            }
            Matcher m = PEM.matcher(all);
            while (m.find()) {
                String pem = m.group().strip() + "\n";
                certificates.put(commonName(pem), pem);
            }
        }
        String pem = certificates.get(nodeName);
        if (pem == null) {
            throw new IllegalStateException("the lab has no seeded certificate for node " + nodeName);
        }
        return pem;
    }

    private static String commonName(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            Matcher m = Pattern.compile("(?:^|,)CN=([^,]+)").matcher(cert.getSubjectX500Principal().getName());
            return m.find() ? m.group(1) : "";
        } catch (CertificateException e) {
            throw new IllegalStateException("a seeded certificate is not X.509", e);
        }
    }
}
