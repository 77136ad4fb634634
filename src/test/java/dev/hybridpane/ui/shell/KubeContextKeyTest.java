package dev.hybridpane.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.ClusterRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings key of a cluster's kubeconfig context: unchanged for the profile's own clusters, per account else. */
class KubeContextKeyTest {
    @Test
    void ownClustersKeepTheirRegionSlashNameKeyAndOtherAccountsHaveTheirOwn() {
        Settings s = Settings.DEFAULTS.withKubeContexts(Map.of("us-west-2/edge", "own-ctx",
                "444455556666/us-west-2/edge", "staging-ctx"));
        assertThat(EnvironmentSession.kubeContext(s, new ClusterRef("us-west-2", "edge"))).isEqualTo("own-ctx");
        assertThat(EnvironmentSession.kubeContext(s, new ClusterRef("us-west-2", "edge", "444455556666")))
                .isEqualTo("staging-ctx");
        assertThat(EnvironmentSession.kubeContext(s, new ClusterRef("us-west-2", "edge", "777788889999"))).isNull();
        assertThat(EnvironmentSession.kubeContextKey(new ClusterRef("eu-west-1", "a"))).isEqualTo("eu-west-1/a");
    }
}
