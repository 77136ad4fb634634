package dev.hybridpane.lab.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.domain.NodeLabels;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The objects the lab's controllers write, as JSON trees shaped as Kubernetes' own controllers write them: a
 * DaemonSet's pod bound to its node (ownerReference controller: true, the DaemonSet controller's node affinity
 * {@code matchFields metadata.name} and its default tolerations), the per-pool workload (a Deployment, its ReplicaSet
 * named {@code DEPLOYMENT-HASH}, its pods {@code RS-xxxxx} with the {@code pod-template-hash} label, and a policy/v1
 * PodDisruptionBudget with minAvailable 1), and pod status as the kubelet reports it.
 */
final class LabPodFactory {
    /** The namespace of the lab's per-pool workloads. */
    static final String NS = "edge-apps";
    static final String APP = "app";
    static final String TEMPLATE_HASH = "pod-template-hash";
    static final String IMAGE = "public.ecr.aws/nginx/nginx:1.27";
    /** The characters Kubernetes' generated names use (k8s.io/apimachinery/pkg/util/rand: no vowels, no 0/1/3). */
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private LabPodFactory() {
    }

    /** {@code n} characters of a generated name suffix. */
    static String suffix(int n) {
        StringBuilder b = new StringBuilder(n);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            b.append(ALPHANUMS.charAt(r.nextInt(ALPHANUMS.length())));
        }
        return b.toString();
    }

    /** The workload's name for a pool: {@code POOL-app}. */
    static String appName(String pool) {
        return pool + "-app";
    }

    /** A stable 10-character pod-template-hash for a Deployment's template. */
    static String templateHash(String deployment) {
        SplittableRandom r = new SplittableRandom(deployment.hashCode());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            b.append(ALPHANUMS.charAt(r.nextInt(ALPHANUMS.length())));
        }
        return b.toString();
    }

    static ObjectNode owner(String apiVersion, String kind, JsonNode owner) {
        return JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind)
                .put("name", owner.path("metadata").path("name").asText()).put("uid", owner.path("metadata").path("uid").asText())
                .put("controller", true).put("blockOwnerDeletion", true);
    }

    static ObjectNode namespace(String name) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
        n.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/metadata.name", name);
        n.putObject("status").put("phase", "Active");
        return n;
    }

    /** The pod the DaemonSet controller makes for a node: bound to it, with the controller's tolerations. */
    static ObjectNode daemonSetPod(JsonNode ds, String nodeName, String nodeIp, Instant now) {
        String dsName = ds.path("metadata").path("name").asText();
        ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", dsName + "-" + suffix(5)).put("generateName", dsName + "-")
                .put("namespace", ds.path("metadata").path("namespace").asText("kube-system"));
        ObjectNode labels = meta.putObject("labels");
        ds.path("spec").path("template").path("metadata").path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        labels.put("controller-revision-hash", templateHash(dsName).substring(0, 10)).put("pod-template-generation", "1");
        meta.putArray("ownerReferences").add(owner("apps/v1", "DaemonSet", ds));
        ObjectNode spec = ((ObjectNode) ds.path("spec").path("template").path("spec")).deepCopy();
        spec.put("nodeName", nodeName).put("hostNetwork", true).put("restartPolicy", "Always")
                .put("schedulerName", "default-scheduler").put("serviceAccountName", dsName).put("terminationGracePeriodSeconds", 30);
        spec.putObject("affinity").putObject("nodeAffinity").putObject("requiredDuringSchedulingIgnoredDuringExecution")
                .putArray("nodeSelectorTerms").addObject().putArray("matchFields").addObject().put("key", "metadata.name")
                .put("operator", "In").putArray("values").add(nodeName);
        ArrayNode tolerations = spec.withArray("tolerations");
        for (String t : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
            tolerations.addObject().put("key", t).put("operator", "Exists").put("effect", "NoExecute");
        }
        for (String t : new String[] {"node.kubernetes.io/disk-pressure", "node.kubernetes.io/memory-pressure",
                "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable", "node.kubernetes.io/network-unavailable"}) {
            tolerations.addObject().put("key", t).put("operator", "Exists").put("effect", "NoSchedule");
        }
        pod.set("spec", spec);
        ObjectNode status = pod.putObject("status").put("phase", "Pending").put("qosClass", "BestEffort");
        status.put("hostIP", nodeIp).put("podIP", nodeIp);
        return pod;
    }

    /** The Deployment of a pool's workload: 2 replicas on the pool's nodes. */
    static ObjectNode deployment(String pool) {
        String name = appName(pool);
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("apiVersion", "apps/v1").put("kind", "Deployment");
        ObjectNode meta = d.putObject("metadata").put("name", name).put("namespace", NS);
        meta.putObject("labels").put(APP, name).put(NodeLabels.POOL, pool);
        meta.putObject("annotations").put("deployment.kubernetes.io/revision", "1");
        ObjectNode spec = d.putObject("spec").put("replicas", 2).put("revisionHistoryLimit", 10).put("progressDeadlineSeconds", 600);
        spec.putObject("selector").putObject("matchLabels").put(APP, name);
        spec.putObject("strategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("maxSurge", "25%")
                .put("maxUnavailable", "25%");
        spec.set("template", template(pool, null));
        d.putObject("status");
        return d;
    }

    private static ObjectNode template(String pool, String hash) {
        String name = appName(pool);
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        ObjectNode labels = t.putObject("metadata").putObject("labels").put(APP, name);
        if (hash != null) {
            labels.put(TEMPLATE_HASH, hash);
        }
        ObjectNode spec = t.putObject("spec");
        spec.putObject("nodeSelector").put(NodeLabels.POOL, pool);
        ObjectNode c = spec.putArray("containers").addObject().put("name", "app").put("image", IMAGE)
                .put("imagePullPolicy", "IfNotPresent");
        c.putArray("ports").addObject().put("containerPort", 80).put("protocol", "TCP");
        spec.put("restartPolicy", "Always").put("terminationGracePeriodSeconds", 30).put("dnsPolicy", "ClusterFirst")
                .put("schedulerName", "default-scheduler");
        return t;
    }

    /** The Deployment's ReplicaSet: {@code NAME-HASH}, owned by it. */
    static ObjectNode replicaSet(JsonNode deployment, String pool) {
        String name = appName(pool);
        String hash = templateHash(name);
        ObjectNode rs = JsonNodeFactory.instance.objectNode().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata").put("name", name + "-" + hash).put("namespace", NS);
        meta.putObject("labels").put(APP, name).put(TEMPLATE_HASH, hash);
        int replicas = deployment.path("spec").path("replicas").asInt(1);
        meta.putObject("annotations").put("deployment.kubernetes.io/revision", "1")
                .put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas))
                .put("deployment.kubernetes.io/max-replicas", String.valueOf(replicas + 1));
        meta.putArray("ownerReferences").add(owner("apps/v1", "Deployment", deployment));
        ObjectNode spec = rs.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put(APP, name).put(TEMPLATE_HASH, hash);
        spec.set("template", template(pool, hash));
        rs.putObject("status").put("replicas", 0);
        return rs;
    }

    /** A new, unscheduled pod of a ReplicaSet (the scheduler binds it later). */
    static ObjectNode replicaSetPod(JsonNode rs) {
        String rsName = rs.path("metadata").path("name").asText();
        ObjectNode pod = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", rsName + "-" + suffix(5)).put("generateName", rsName + "-")
                .put("namespace", rs.path("metadata").path("namespace").asText(NS));
        meta.set("labels", rs.path("spec").path("template").path("metadata").path("labels").deepCopy());
        meta.putArray("ownerReferences").add(owner("apps/v1", "ReplicaSet", rs));
        ObjectNode spec = ((ObjectNode) rs.path("spec").path("template").path("spec")).deepCopy();
        spec.put("serviceAccountName", "default").put("enableServiceLinks", true).put("priority", 0);
        ArrayNode tolerations = spec.putArray("tolerations");
        for (String t : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
            tolerations.addObject().put("key", t).put("operator", "Exists").put("effect", "NoExecute").put("tolerationSeconds", 300);
        }
        pod.set("spec", spec);
        pod.putObject("status").put("phase", "Pending").put("qosClass", "BestEffort");
        return pod;
    }

    /** The pool's PodDisruptionBudget: minAvailable 1 over the workload's pods. */
    static ObjectNode disruptionBudget(String pool) {
        String name = appName(pool);
        ObjectNode pdb = JsonNodeFactory.instance.objectNode().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("name", name).put("namespace", NS).putObject("labels").put(APP, name);
        ObjectNode spec = pdb.putObject("spec").put("minAvailable", 1);
        spec.putObject("selector").putObject("matchLabels").put(APP, name);
        pdb.putObject("status");
        return pdb;
    }

    /** The scheduler's binding: spec.nodeName and the PodScheduled condition. */
    static void bind(ObjectNode pod, String node, Instant now) {
        pod.withObject("spec").put("nodeName", node);
        ArrayNode conditions = pod.withObject("status").putArray("conditions");
        conditions.add(condition("PodScheduled", true, now));
    }

    /**
     * The kubelet's status of a bound pod: Running (from {@code started}, when it has started), and Ready with its
     * containers while {@code ready}. Returns whether anything changed.
     */
    static boolean kubeletStatus(ObjectNode pod, boolean started, boolean ready, String hostIp, Instant now) {
        ObjectNode status = pod.withObject("status");
        String before = status.toString();
        String phase = status.path("phase").asText("Pending");
        if (!started && "Pending".equals(phase)) {
            return false;
        }
        if ("Pending".equals(phase)) {
            status.put("phase", "Running").put("startTime", now.toString());
            if (hostIp != null) {
                status.put("hostIP", hostIp);
                if (!status.hasNonNull("podIP")) {
                    status.put("podIP", "10.85." + (Math.abs(pod.path("metadata").path("name").asText().hashCode()) % 250 + 1)
                            + "." + (Math.abs(pod.path("metadata").path("name").asText().hashCode() / 250) % 250 + 1));
                }
            }
        }
        String started0 = status.path("startTime").asText(now.toString());
        ArrayNode old = status.withArray("conditions");
        ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
        conditions.add(keep(old, condition("PodReadyToStartContainers", true, now)));
        conditions.add(keep(old, condition("Initialized", true, now)));
        conditions.add(keep(old, condition("Ready", ready, now)));
        conditions.add(keep(old, condition("ContainersReady", ready, now)));
        conditions.add(keep(old, condition("PodScheduled", true, now)));
        status.set("conditions", conditions);
        ArrayNode containers = status.putArray("containerStatuses");
        for (JsonNode c : pod.path("spec").path("containers")) {
            ObjectNode cs = containers.addObject().put("name", c.path("name").asText()).put("image", c.path("image").asText())
                    .put("imageID", "").put("ready", ready).put("restartCount", 0).put("started", true);
            cs.putObject("state").putObject("running").put("startedAt", started0);
        }
        return !before.equals(status.toString());
    }

    private static ObjectNode condition(String type, boolean status, Instant now) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("status", status ? "True" : "False")
                .putNull("lastProbeTime").put("lastTransitionTime", now.toString());
    }

    /** The condition, with the old transition time when its status did not change. */
    private static ObjectNode keep(ArrayNode old, ObjectNode c) {
        for (JsonNode o : old) {
            if (o.path("type").asText().equals(c.path("type").asText()) && o.path("status").asText().equals(c.path("status").asText())) {
                c.set("lastTransitionTime", o.path("lastTransitionTime"));
            }
        }
        return c;
    }

    /** Whether a pod reports Ready True. */
    static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** The owner that controls an object (ownerReferences with controller: true), or a missing node. */
    static JsonNode controller(JsonNode o) {
        for (JsonNode r : o.path("metadata").path("ownerReferences")) {
            if (r.path("controller").asBoolean(false)) {
                return r;
            }
        }
        return JsonNodeFactory.instance.missingNode();
    }
}
