package dev.hybridpane.core;

import static dev.hybridpane.core.FleetServiceTest.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.FleetServiceTest.FakeAws;
import dev.hybridpane.core.FleetServiceTest.FakeKube;
import dev.hybridpane.domain.ClusterRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A discovery begun before the window: its updates wait in order, one claimer takes it over, an unclaimed one closes. */
class EarlyDiscoveryTest {
    private final FakeAws aws = new FakeAws();
    private final FakeKube kube = new FakeKube();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final AwsProfiles profiles = new AwsProfiles() {
        @Override
        public List<String> profiles() {
            return List.of("default");
        }

        @Override
        public List<String> availableRegions() {
            return List.of("us-west-2", "eu-central-1");
        }

        @Override
        public AwsPort open(String profile) {
            if (profile.equals("expired")) {
                throw new AwsFailure(dev.hybridpane.domain.ConnectionState.FailureKind.EXPIRED_CREDENTIALS, "sso",
                        "ExpiredToken", "The SSO session has expired.", null);
            }
            opened.add(profile);
            return aws;
        }
    };
    private static final List<String> REGIONS = List.of("us-west-2", "eu-central-1");

    private EarlyDiscovery start(String profile, Executor io) {
        return EarlyDiscovery.start(profiles, profile, REGIONS, kube, io, ref -> null, Clock.systemUTC());
    }

    @Test
    void updatesWaitInOrderUntilClaimedThenFlowStraightToTheClaimer() {
        List<Runnable> queued = new ArrayList<>();
        // the first task (opening the profile) waits; the discovery's own tasks run as they come
        Executor io = task -> {
            if (opened.isEmpty() && queued.isEmpty()) {
                queued.add(task);
            } else {
                task.run();
            }
        };
        EarlyDiscovery early = start("default", io);
        assertThat(opened).as("the profile opens on the I/O executor, not on the caller's thread").isEmpty();
        queued.remove(0).run();
        var order = new CopyOnWriteArrayList<FleetUpdate>();
        var discovered = new CopyOnWriteArrayList<FleetUpdate>();
        // the same discovery, run straight into a list, gives the order the claimer must see
        new FleetService(new FakeAws(), new FakeKube(), Runnable::run, order::add, r -> null, Clock.systemUTC())
                .discover(REGIONS).join();

        var claimed = early.claim(discovered::add, r -> null);

        assertThat(claimed).isPresent();
        assertThat(discovered).as("what came before the claim, at once and in order").hasSameSizeAs(order);
        assertThat(discovered.get(0)).isInstanceOf(FleetUpdate.DiscoveryStarted.class);
        assertThat(discovered.get(discovered.size() - 1)).isInstanceOf(FleetUpdate.DiscoveryFinished.class);
        assertThat(discovered).filteredOn(u -> u instanceof FleetUpdate.ClusterFound).hasSize(2);
        FleetService.Opened o = claimed.get().join();
        assertThat(o.fleet().clusters()).containsOnlyKeys(new ClusterRef("us-west-2", "a"), new ClusterRef("eu-central-1", "b"));
        kube.listeners.get(new ClusterRef("us-west-2", "a")).onNodeDelete("n1");
        assertThat(discovered.get(discovered.size() - 1)).as("after the claim, each update as it comes")
                .isEqualTo(new FleetUpdate.NodeDeleted(new ClusterRef("us-west-2", "a"), "n1"));
        assertThat(early.claim(u -> { }, r -> null)).as("claimed once").isEmpty();
        assertThat(opened).containsExactly("default");
    }

    @Test
    void fromTheClaimOnTheClaimersKubeconfigChoiceDecidesHowAClusterIsReached() {
        EarlyDiscovery early = start("default", Runnable::run);
        FleetService.Opened o = early.claim(u -> { }, ref -> "ctx-" + ref.name()).orElseThrow().join();

        assertThat(o.fleet().accessFor(cluster("us-west-2", "a"))).isEqualTo(new ClusterAccess.KubeconfigContext("ctx-a"));
    }

    @Test
    void anUnclaimedDiscoveryClosesItsConnectionsAndItsProfile() {
        EarlyDiscovery early = start("default", Runnable::run);
        assertThat(kube.listeners).isNotEmpty();

        early.close();

        assertThat(kube.listeners).as("every cluster connection closed").isEmpty();
        assertThat(aws.closed).isTrue();
        assertThat(early.claim(u -> { }, r -> null)).as("nothing left to claim").isEmpty();
    }

    @Test
    void aClaimedDiscoveryIsTheClaimersToClose() {
        EarlyDiscovery early = start("default", Runnable::run);
        early.claim(u -> { }, r -> null).orElseThrow();

        early.close();

        assertThat(kube.listeners).isNotEmpty();
        assertThat(aws.closed).isFalse();
    }

    @Test
    void itIsForTheProfileAndRegionsItWasStartedWith() {
        EarlyDiscovery early = start("default", r -> { });
        assertThat(early.isFor("default", REGIONS)).isTrue();
        assertThat(early.isFor("default", List.of("us-west-2"))).isFalse();
        assertThat(early.isFor("other", REGIONS)).isFalse();
    }

    @Test
    void aProfileThatCannotOpenFailsTheClaimersFuture() {
        CompletableFuture<FleetService.Opened> f = start("expired", Runnable::run).claim(u -> { }, r -> null).orElseThrow();
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("The SSO session has expired.");
    }
}
