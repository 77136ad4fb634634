package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.pool.CniDaemonSet.Requirement;
import dev.hybridpane.core.pool.CniDaemonSet.Term;
import dev.hybridpane.core.pool.CniDaemonSet.Toleration;
import dev.hybridpane.core.pool.NotReadyDiagnosis.Facts;
import dev.hybridpane.core.pool.NotReadyDiagnosis.Finding;
import dev.hybridpane.core.pool.NotReadyDiagnosis.HostView;
import dev.hybridpane.domain.pool.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Why a pool's node is not Ready, and the fix, from what the wait read. */
class NotReadyDiagnosisTest {
    static final Map<String, String> HYBRID = Map.of("eks.amazonaws.com/compute-type", "hybrid", "kubernetes.io/os", "linux",
            "hybridpane.dev/pool", "edge");
    static final String CNI_REASON = "KubeletNotReady: container runtime network not ready: cni plugin not initialized";
    static final String ROLE = "arn:aws:iam::111122223333:role/c-hybrid-ssm";
    static final List<Toleration> ALL = List.of(new Toleration("", "Exists", "", ""));

    static PoolStore.NodeState notReady(String node, String reason, String ip) {
        return new PoolStore.NodeState(node, "eks-hybrid:///us-west-2/c/" + node, false, reason, HYBRID, ip);
    }

    static HostView host(String host, String node, PoolStore.NodeState state) {
        return new HostView(host, node, state, "10.200.1.5", null);
    }

    static CniDaemonSet cilium(String operator, List<Toleration> tolerations) {
        return new CniDaemonSet("kube-system", "cilium", Map.of(), List.of(new Term(List.of(new Requirement(
                "eks.amazonaws.com/compute-type", operator, List.of("hybrid"))))), tolerations);
    }

    static Facts facts(List<HostView> hosts, List<CniDaemonSet> cni, List<Taint> taints, Boolean access) {
        return new Facts("c", "us-west-2", "edge", hosts, List.of("10.200.0.0/16"), cni, taints, ROLE, access);
    }

    @Test
    void aCiliumThatExcludesHybridNodesIsOneFindingForAllNodesWithThePatchThatAddsTheHybridTerm() {
        List<Finding> f = NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", notReady("mi-1", CNI_REASON, "10.200.1.5")),
                host("h2", "mi-2", notReady("mi-2", CNI_REASON, "10.200.1.6"))), List.of(cilium("NotIn", ALL)), List.of(), true));
        assertThat(f).hasSize(1);
        Finding c = f.get(0);
        assertThat(c.kind()).isEqualTo("CniNotOnHybridNodes");
        assertThat(c.nodes()).containsExactly("mi-1 (h1)", "mi-2 (h2)");
        assertThat(c.reason()).isEqualTo("The cluster's CNI does not run on hybrid nodes: its DaemonSet kube-system/cilium lacks "
                + "the hybrid affinity.");
        String json = "[{\"op\":\"add\",\"path\":\"/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuring"
                + "Execution/nodeSelectorTerms/-\",\"value\":{\"matchExpressions\":[{\"key\":\"eks.amazonaws.com/compute-type\","
                + "\"operator\":\"In\",\"values\":[\"hybrid\"]}]}}]";
        assertThat(c.patches()).containsExactly(new NotReadyDiagnosis.CniPatch("kube-system", "cilium", json));
        assertThat(c.fix()).contains("hybridpane pool fix-cni edge --cluster c --region us-west-2 --apply",
                "kubectl patch daemonset cilium -n kube-system --type json -p '" + json + "'");
    }

    @Test
    void aTaintTheCniDoesNotTolerateIsPatchedWithAToleration() {
        CniDaemonSet onlyNoSchedule = cilium("In", List.of(new Toleration("node.kubernetes.io/not-ready", "Exists", "",
                "NoExecute")));
        List<Taint> taints = List.of(new Taint("dedicated", "gpu", "NoSchedule"), new Taint("soft", "", "PreferNoSchedule"));
        List<Finding> f = NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", notReady("mi-1", CNI_REASON, null))),
                List.of(onlyNoSchedule), taints, null));
        assertThat(f).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("The cluster's CNI does not run on hybrid nodes: kube-system/cilium does not "
                    + "tolerate the pool's taint dedicated=gpu:NoSchedule.");
            assertThat(c.patches()).singleElement().extracting(NotReadyDiagnosis.CniPatch::json).isEqualTo(
                    "[{\"op\":\"add\",\"path\":\"/spec/template/spec/tolerations/-\",\"value\":{\"key\":\"dedicated\","
                            + "\"operator\":\"Equal\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}}]");
        });
        CniDaemonSet none = new CniDaemonSet("kube-system", "calico-node", Map.of(), null, List.of());
        assertThat(NotReadyDiagnosis.patch(none, HYBRID, List.of(new Taint("edge", "", "NoExecute")))).get()
                .extracting(NotReadyDiagnosis.CniPatch::json).isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/template/spec/"
                        + "tolerations\",\"value\":[{\"key\":\"edge\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"}]}]");
        assertThat(NotReadyDiagnosis.patch(cilium("In", ALL), HYBRID, List.of())).isEmpty();
    }

    @Test
    void aNodeSelectorThatExcludesTheNodeIsAManualFixWithoutAPatch() {
        CniDaemonSet ds = new CniDaemonSet("kube-system", "calico-node", Map.of("node-role/cni", "calico"), null, ALL);
        Finding c = NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", notReady("mi-1", CNI_REASON, null))), List.of(ds),
                List.of(), true)).get(0);
        assertThat(c.patches()).isEmpty();
        assertThat(c.reason()).contains("kube-system/calico-node's nodeSelector node-role/cni=calico excludes the node");
        assertThat(c.fix()).isEqualTo("remove node-role/cni=calico from the nodeSelector of kube-system/calico-node by hand.");
    }

    @Test
    void noCiliumOrCalicoAtAllSaysInstallOne() {
        assertThat(NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", notReady("mi-1", CNI_REASON, null))), List.of(),
                List.of(), true))).singleElement().extracting(Finding::kind).isEqualTo("NoCniForHybridNodes");
    }

    @Test
    void aMissingAccessEntryNamesTheRoleAndTheCommand() {
        List<Finding> f = NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", null)), List.of(cilium("In", ALL)),
                List.of(), false));
        assertThat(f).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("AccessEntryMissing");
            assertThat(a.text()).isEqualTo("mi-1 (h1): Role " + ROLE + " has no HYBRID_LINUX access entry in cluster c, so the "
                    + "kubelet cannot authenticate to the cluster's API. Fix: create it: aws eks create-access-entry "
                    + "--cluster-name c --region us-west-2 --principal-arn " + ROLE + " --type HYBRID_LINUX (or hybridpane hybrid "
                    + "enable), then run pool apply again.");
        });
    }

    @Test
    void aNodeIpOutsideTheRemoteNetworksIsNamedWithItsAddress() {
        List<Finding> f = NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", notReady("mi-1", "KubeletNotReady: x",
                "192.168.7.9"))), List.of(cilium("In", ALL)), List.of(), true));
        assertThat(f).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("NodeIpOutsideRemoteNetworks");
            assertThat(a.nodes()).containsExactly("mi-1 (h1) at 192.168.7.9");
            assertThat(a.reason()).contains("(10.200.0.0/16)");
        });
    }

    @Test
    void aNodeThatNeverRegisteredNamesTheHostAndItsLastNodeadmOutput() {
        HostView h = new HostView("h1", "mi-1", null, "10.200.1.5", "sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig"
                + ".yaml: exit 0, Nodeadm components are not installed");
        Finding f = NotReadyDiagnosis.diagnose(facts(List.of(h, host("h2", null, null)), List.of(cilium("In", ALL)), List.of(),
                true)).get(0);
        assertThat(f.kind()).isEqualTo("NodeNotRegistered");
        assertThat(f.reason()).isEqualTo("Node mi-1 of host h1 is not in the cluster (it never registered, or was deleted). The "
                + "last nodeadm output on h1: sudo -n nodeadm init -c file:///etc/hybridpane/nodeconfig.yaml: exit 0, Nodeadm "
                + "components are not installed");
        List<Finding> both = NotReadyDiagnosis.diagnose(facts(List.of(h, host("h2", null, null)), List.of(), List.of(), true));
        assertThat(both).extracting(Finding::reason).element(1).isEqualTo("Host h2 recorded no node.");
    }

    @Test
    void aSilentKubeletAndAnOtherReasonAreSaidAsSuch() {
        List<Finding> f = NotReadyDiagnosis.diagnose(facts(List.of(
                host("h1", "mi-1", notReady("mi-1", "NodeStatusUnknown: Kubelet stopped posting node status.", "10.200.1.5")),
                host("h2", "mi-2", notReady("mi-2", "KubeletNotReady: PLEG is not healthy", "10.200.1.6")),
                host("h3", "mi-3", new PoolStore.NodeState("mi-3", "p", true, "", HYBRID, "10.200.1.7"))),
                List.of(cilium("In", ALL)), List.of(), null));
        assertThat(f).extracting(Finding::kind).containsExactly("KubeletNotPosting", "NodeNotReady");
        assertThat(f.get(1).text()).isEqualTo("mi-2 (h2): NotReady: KubeletNotReady: PLEG is not healthy. Fix: see the node's "
                + "conditions and events: kubectl describe node mi-2.");
    }

    @Test
    void readyNodesNeedNoDiagnosis() {
        assertThat(NotReadyDiagnosis.diagnose(facts(List.of(host("h1", "mi-1", new PoolStore.NodeState("mi-1", "p", true, "",
                HYBRID, "10.200.1.5"))), List.of(), List.of(), false))).isEmpty();
    }
}
