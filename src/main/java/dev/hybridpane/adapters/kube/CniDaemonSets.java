package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.pool.CniDaemonSet;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;

/** A fabric8 DaemonSet as core's {@link CniDaemonSet}: its pod template's nodeSelector, node affinity and tolerations. */
final class CniDaemonSets {
    private CniDaemonSets() {
    }

    static CniDaemonSet of(DaemonSet d) {
        PodSpec pod = d.getSpec() == null || d.getSpec().getTemplate() == null ? null : d.getSpec().getTemplate().getSpec();
        Affinity a = pod == null ? null : pod.getAffinity();
        boolean nodeAffinity = a != null && a.getNodeAffinity() != null;
        NodeSelector required = nodeAffinity ? a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() : null;
        List<CniDaemonSet.Term> terms = null;
        if (required != null) {
            terms = new ArrayList<>();
            for (NodeSelectorTerm t : required.getNodeSelectorTerms() == null ? List.<NodeSelectorTerm>of()
                    : required.getNodeSelectorTerms()) {
                List<CniDaemonSet.Requirement> rs = new ArrayList<>();
                for (NodeSelectorRequirement r : t.getMatchExpressions() == null ? List.<NodeSelectorRequirement>of()
                        : t.getMatchExpressions()) {
                    rs.add(new CniDaemonSet.Requirement(r.getKey(), r.getOperator(), r.getValues()));
                }
                // matchFields select by metadata.name, which a label set cannot answer: such a term selects no node here
                if (t.getMatchFields() != null && !t.getMatchFields().isEmpty()) {
                    rs.add(new CniDaemonSet.Requirement("metadata.name (matchFields)", "Unsupported", List.of()));
                }
                terms.add(new CniDaemonSet.Term(rs));
            }
        }
        List<CniDaemonSet.Toleration> tolerations = pod == null || pod.getTolerations() == null ? List.of()
                : pod.getTolerations().stream().map(t -> new CniDaemonSet.Toleration(t.getKey(), t.getOperator(), t.getValue(),
                        t.getEffect())).toList();
        return new CniDaemonSet(d.getMetadata().getNamespace(), d.getMetadata().getName(),
                pod == null ? null : pod.getNodeSelector(), terms, tolerations);
    }
}
