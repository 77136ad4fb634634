package dev.hybridpane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cluster's identity: region and name, and the account when it is not the opened profile's own. */
class ClusterRefTest {
    @Test
    void theTwoArgumentRefIsOfTheProfilesOwnAccount() {
        ClusterRef own = new ClusterRef("us-west-2", "payments");
        assertThat(own.account()).isNull();
        assertThat(own.inOtherAccount()).isFalse();
        assertThat(own).isEqualTo(new ClusterRef("us-west-2", "payments", null));
        assertThat(new ClusterRef("us-west-2", "payments", " ")).as("a blank account is none").isEqualTo(own);
        assertThat(own).hasToString("payments (us-west-2)");
    }

    @Test
    void theSameNameAndRegionInTwoAccountsAreTwoClusters() {
        ClusterRef own = new ClusterRef("us-west-2", "edge");
        ClusterRef other = new ClusterRef("us-west-2", "edge", "444455556666");
        ClusterRef third = new ClusterRef("us-west-2", "edge", "777788889999");
        assertThat(other).isNotEqualTo(own).isNotEqualTo(third);
        assertThat(Set.of(own, other, third)).hasSize(3);
        assertThat(other.inOtherAccount()).isTrue();
        assertThat(other).hasToString("edge (us-west-2, account 444455556666)");
        assertThat(other.compareTo(own)).isPositive();
        assertThat(other.compareTo(third)).isNegative();
        assertThat(other.compareTo(new ClusterRef("us-west-2", "edge", "444455556666"))).isZero();
    }

    @Test
    void sortsByNameThenRegionThenAccount() {
        List<ClusterRef> refs = new ArrayList<>(List.of(new ClusterRef("us-west-2", "b"),
                new ClusterRef("us-west-2", "a", "444455556666"), new ClusterRef("eu-west-1", "a"),
                new ClusterRef("us-west-2", "a")));
        Collections.sort(refs);
        assertThat(refs).containsExactly(new ClusterRef("eu-west-1", "a"), new ClusterRef("us-west-2", "a"),
                new ClusterRef("us-west-2", "a", "444455556666"), new ClusterRef("us-west-2", "b"));
    }
}
