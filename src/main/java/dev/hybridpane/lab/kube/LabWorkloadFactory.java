package dev.hybridpane.lab.kube;

import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** kube-system workloads of an EKS cluster: VPC CNI, kube-proxy, CoreDNS and, where configured, Cilium for hybrid nodes. */
final class LabWorkloadFactory {
    static final String NS = "kube-system";

    private final LabCluster cluster;

    LabWorkloadFactory(LabCluster cluster) {
        this.cluster = cluster;
    }

    List<DaemonSet> daemonSets() {
        int cloud = cluster.cloudNodes();
        int hybrid = cluster.hybridNodeCount();
        List<DaemonSet> out = new ArrayList<>();
        // the real VPC CNI anti-affinity: never on hybrid or Auto Mode nodes
        out.add(daemonSet("aws-node", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1",
                affinity("NotIn", "hybrid", "auto"), cloud));
        out.add(daemonSet("kube-proxy", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/eks/kube-proxy:v"
                + cluster.version() + ".3-minimal-eksbuild.2", affinity("NotIn", "fargate", "auto"), cloud + hybrid));
        if ("cilium".equals(cluster.cni())) {
            out.add(daemonSet("cilium", "public.ecr.aws/eks/cilium/cilium:v1.16.7-0", affinity("In", "hybrid"), hybrid));
        }
        return out;
    }

    List<Deployment> deployments() {
        List<Deployment> out = new ArrayList<>();
        out.add(deployment("coredns", "602401143452.dkr.ecr." + cluster.region() + ".amazonaws.com/eks/coredns:v1.11.4-eksbuild.2",
                affinity("NotIn", "fargate"), 2));
        if ("cilium".equals(cluster.cni())) {
            out.add(deployment("cilium-operator", "public.ecr.aws/eks/cilium/operator-generic:v1.16.7-0", affinity("In", "hybrid"),
                    Math.min(2, Math.max(1, cluster.hybridNodeCount()))));
        }
        return out;
    }

    static Affinity affinity(String operator, String... values) {
        return new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(NodeLabels.COMPUTE_TYPE).withOperator(operator)
                .withValues(values).endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }

    private static PodTemplateSpec template(String name, String image, Affinity affinity) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("k8s-app", name)).endMetadata()
                .withNewSpec().withAffinity(affinity).withPriorityClassName("system-node-critical")
                .addNewContainer().withName(name).withImage(image).endContainer()
                .addNewToleration().withOperator("Exists").endToleration()
                .endSpec().build();
    }

    private static DaemonSet daemonSet(String name, String image, Affinity affinity, int nodes) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("k8s-app", name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", name).endSelector()
                .withTemplate(template(name, image, affinity))
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy().endSpec()
                .withNewStatus().withDesiredNumberScheduled(nodes).withCurrentNumberScheduled(nodes).withNumberReady(nodes)
                .withNumberAvailable(nodes).withUpdatedNumberScheduled(nodes).withNumberMisscheduled(0)
                .withObservedGeneration(1L).endStatus()
                .build();
    }

    private static Deployment deployment(String name, String image, Affinity affinity, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("k8s-app", name).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("k8s-app", name).endSelector()
                .withTemplate(template(name, image, affinity)).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withUpdatedReplicas(replicas).withObservedGeneration(1L).endStatus()
                .build();
    }
}
