package dev.hybridpane.ui.pools.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.kube.Fabric8PoolStore;
import dev.hybridpane.core.pool.PoolLab;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolHost;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.ui.common.SyncTaskRunner;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's offer after a failed run: the CNI patch shown first, applied only on request, then gone. */
class CniFixOfferTest {
    @TempDir
    static Path dir;
    static PoolLab lab;

    @BeforeAll
    static void start() {
        lab = new PoolLab(dir);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aCniThatExcludesThePoolIsOfferedItsPatchWhichIsAppliedOnlyWhenAsked() {
        lab.kube().apps().daemonSets().inNamespace("kube-system").withName("cilium").edit(d -> {
            NodeSelectorTerm t = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
            t.getMatchExpressions().add(new NodeSelectorRequirementBuilder().withKey("hybridpane.dev/pool").withOperator("NotIn")
                    .withValues("cni-wiz").build());
            return d;
        });
        try (PoolStore.Pools pools = lab.pools()) {
            pools.create(new HybridNodePool("cni-wiz", "dallas-dc", new ProfileRef("gpu-ssm", 1), Map.of(), List.of(), "",
                    List.of(), List.of(PoolHost.of("dallas-12"))));
        }
        int terms = terms();
        CniFixOffer offer = new CniFixOffer(new Fabric8PoolStore(lab.clusters), new SyncTaskRunner());

        offer.check(PoolLab.REF, lab.access, "cni-wiz");
        assertThat(offer.patchProperty().get()).contains("kubectl patch daemonset cilium -n kube-system --type json");
        assertThat(terms()).as("reading changes nothing").isEqualTo(terms);

        offer.apply();
        assertThat(offer.resultProperty().get()).startsWith("Patched kube-system/cilium: the CNI now runs on the pool's nodes");
        assertThat(offer.patchProperty().get()).as("nothing left to offer").isNull();
        assertThat(terms()).as("the patch adds one ORed term for hybrid nodes").isEqualTo(terms + 1);

        offer.check(PoolLab.REF, lab.access, "cni-wiz");
        assertThat(offer.patchProperty().get()).as("a CNI that runs there is never offered a patch").isNull();
    }

    private static int terms() {
        DaemonSet d = lab.kube().apps().daemonSets().inNamespace("kube-system").withName("cilium").get();
        return d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().size();
    }
}
