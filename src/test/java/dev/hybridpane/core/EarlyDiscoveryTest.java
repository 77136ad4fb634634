package dev.hybridpane.core;

import static dev.hybridpane.core.FleetServiceTest.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hybridpane.core.FleetServiceTest.FakeAws;
import dev.hybridpane.core.FleetServiceTest.FakeKube;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
                throw new AwsFailure(ConnectionState.FailureKind.EXPIRED_CREDENTIALS, "sso",
                        "ExpiredToken", "The SSO session has expired.", null);
            }
            opened.add(profile);
            return aws;
        }
    };
    private static final List<String> REGIONS = List.of("us-west-2", "eu-central-1");

    /** Fixed: each DiscoveryFinished then carries the same duration, so whole runs of updates compare equal. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    private EarlyDiscovery start(String profile, Executor io) {
        return EarlyDiscovery.start(profiles, profile, REGIONS, kube, io, ref -> null, CLOCK);
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
        new FleetService(new FakeAws(), new FakeKube(), Runnable::run, order::add, r -> null, CLOCK)
                .discover(REGIONS).join();

        var claimed = early.claim(discovered::add, r -> null);

        assertThat(claimed).isPresent();
        assertThat(order).hasSizeGreaterThan(5);
        assertThat(discovered).as("what came before the claim, at once and in order").containsExactlyElementsOf(order);
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
    void closedBeforeTheProfileOpensItClosesWhatOpensAndDropsWhatComes() {
        List<Runnable> queued = new ArrayList<>();
        Executor io = task -> {
            if (opened.isEmpty()) {
                queued.add(task);
            } else {
                task.run();
            }
        };
        EarlyDiscovery early = start("default", io);
        var seen = new CopyOnWriteArrayList<FleetUpdate>();

        early.close();
        queued.remove(0).run(); // the profile opens now, and the discovery runs
        while (!queued.isEmpty()) {
            queued.remove(0).run(); // closing, on the I/O executor
        }

        assertThat(aws.closed).isTrue();
        assertThat(kube.listeners).isEmpty();
        assertThat(early.claim(seen::add, r -> null)).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void anUnclaimedDiscoveryIsClosedOnTheIoExecutorNotOnTheCallersThread() {
        List<Runnable> later = new ArrayList<>();
        Executor io = task -> {
            if (opened.isEmpty()) {
                task.run(); // opening the profile and discovering
            } else {
                later.add(task); // anything after: e.g. closing
            }
        };
        EarlyDiscovery early = start("default", io);
        later.clear(); // the regions' discovery, queued once the profile was open: not needed here
        early.close();

        assertThat(aws.closed).as("not on the caller's thread, which may be the FX thread").isFalse();
        later.forEach(Runnable::run);
        assertThat(aws.closed).isTrue();
    }

    @Test
    void anErrorWhileOpeningStillFailsTheClaimersFuture() {
        AwsProfiles broken = new AwsProfiles() {
            @Override
            public List<String> profiles() {
                return List.of("default");
            }

            @Override
            public List<String> availableRegions() {
                return REGIONS;
            }

            @Override
            public AwsPort open(String profile) {
                throw new NoClassDefFoundError("software/amazon/awssdk/Missing");
            }
        };
        EarlyDiscovery early = EarlyDiscovery.start(broken, "default", REGIONS, kube, task -> {
            try {
                task.run();
            } catch (Error e) {
                // an I/O pool thread would die of it
            }
        }, r -> null, CLOCK);

        CompletableFuture<FleetService.Opened> f = early.claim(u -> { }, r -> null).orElseThrow();
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join).hasCauseInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void whatOpenAndDiscoverOpenedIsClosedWhenItFails() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdownNow();
        assertThatThrownBy(() -> FleetService.openAndDiscover(profiles, "default", REGIONS, kube, stopped, u -> { },
                r -> null, CLOCK)).isInstanceOf(RejectedExecutionException.class);
        assertThat(aws.closed).as("the port it had opened").isTrue();
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
