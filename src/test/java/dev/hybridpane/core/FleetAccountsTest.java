package dev.hybridpane.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.FleetServiceTest.FakeKube;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.AccessEntry;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.CallerIdentity;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterNetwork;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.domain.IpFamily;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One fleet over a profile's own account and the other accounts' roles picked through IAM Identity Center. */
class FleetAccountsTest {
    static final String OWN = "111122223333";
    static final String STAGING = "444455556666";
    static final List<String> REGIONS = List.of("us-west-2", "eu-west-1");

    /** One account's AWS: clusters by region, a region that is denied, and every call it got. */
    static final class AccountAws implements AwsPort {
        final String account;
        final Map<String, List<String>> clusters = new LinkedHashMap<>();
        final List<String> denied = new ArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        RuntimeException listFailure;
        volatile boolean closed;

        AccountAws(String account) {
            this.account = account;
        }

        @Override
        public CallerIdentity callerIdentity() {
            calls.add("sts:GetCallerIdentity");
            return new CallerIdentity(account, "arn:aws:sts::" + account + ":assumed-role/AWSReservedSSO_X_1/u", "AID");
        }

        @Override
        public List<String> listClusters(String region) {
            calls.add("eks:ListClusters " + region);
            if (listFailure != null) {
                throw listFailure;
            }
            if (denied.contains(region)) {
                throw new AwsFailure(FailureKind.ACCESS_DENIED, "eks:ListClusters", "AccessDeniedException",
                        "eks:ListClusters was denied in " + region, null);
            }
            return clusters.getOrDefault(region, List.of());
        }

        @Override
        public Cluster describeCluster(ClusterRef ref) {
            calls.add("eks:DescribeCluster " + ref);
            assertThat(ref.account()).as("an account's AWS is asked about its own clusters").isNull();
            return new Cluster(ref, "arn:aws:eks:" + ref.region() + ":" + account + ":cluster/" + ref.name(), "1.31",
                    "ACTIVE", "https://" + account + "." + ref.name(), EndpointAccess.PRIVATE, AuthenticationMode.API,
                    IpFamily.IPV4, "vpc-" + account, List.of("s-1"), List.of("sg-1"), "sg-c", "172.20.0.0/16",
                    List.of("10.200.0.0/16"), List.of(), "", Instant.EPOCH, Map.of());
        }

        @Override
        public List<AccessEntry> listAccessEntries(ClusterRef ref) {
            calls.add("eks:ListAccessEntries " + ref);
            return List.of();
        }

        @Override
        public ClusterNetwork describeNetwork(String region, String vpcId, List<String> subnetIds, List<String> sgs) {
            calls.add("ec2:DescribeVpcs " + vpcId);
            return new ClusterNetwork(new ClusterNetwork.Vpc(vpcId, List.of("10.100.0.0/16"), "v"), List.of(), List.of(),
                    List.of());
        }

        @Override
        public EksToken eksToken(ClusterRef ref) {
            calls.add("token " + ref);
            return new EksToken("k8s-aws-v1." + account, Instant.now().plusSeconds(840));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The profile "sso" signs in through AWS SSO; each account's AWS is one of the fakes. */
    static final class FakeAccounts implements SsoAccounts {
        final Map<String, AccountAws> byAccount = new LinkedHashMap<>();
        final List<String> opened = new CopyOnWriteArrayList<>();

        @Override
        public boolean supports(String profile) {
            return "sso".equals(profile);
        }

        @Override
        public List<AccountRole> list(String profile) {
            return List.of();
        }

        @Override
        public AwsPort open(String profile, AccountRole pick) {
            opened.add(pick.key());
            return byAccount.get(pick.accountId());
        }
    }

    static final class OneProfile implements AwsProfiles {
        final AwsPort port;

        OneProfile(AwsPort port) {
            this.port = port;
        }

        @Override
        public List<String> profiles() {
            return List.of("sso", "keys");
        }

        @Override
        public List<String> availableRegions() {
            return REGIONS;
        }

        @Override
        public AwsPort open(String profile) {
            return port;
        }
    }

    final AccountAws own = new AccountAws(OWN);
    final AccountAws staging = new AccountAws(STAGING);
    final AccountAws ownPicked = new AccountAws(OWN);
    final FakeAccounts accounts = new FakeAccounts();
    final FakeKube kube = new FakeKube();
    final List<FleetUpdate> updates = new CopyOnWriteArrayList<>();

    FleetAccountsTest() {
        own.clusters.put("us-west-2", List.of("edge"));
        staging.clusters.put("us-west-2", List.of("edge", "staging-edge"));
        staging.denied.add("eu-west-1");
        ownPicked.clusters.put("us-west-2", List.of("edge"));
        accounts.byAccount.put(STAGING, staging);
        accounts.byAccount.put(OWN, ownPicked);
    }

    FleetService.Opened open(String profile, List<String> picks) {
        return FleetService.openAndDiscover(new OneProfile(own), accounts, picks, profile, REGIONS, kube, Runnable::run,
                updates::add, ref -> null, Clock.systemUTC());
    }

    @Test
    void discoversThePickedAccountsTooEachClusterNamingItsAccount() {
        FleetService.Opened opened = open("sso", List.of(STAGING + "/ReadOnlyAccess", STAGING + "/AdministratorAccess",
                OWN + "/ReadOnlyAccess", "not-a-key"));
        List<Cluster> found = opened.discovery().join();

        ClusterRef ownEdge = new ClusterRef("us-west-2", "edge");
        ClusterRef stagingEdge = new ClusterRef("us-west-2", "edge", STAGING);
        assertThat(found).extracting(Cluster::ref).containsExactlyInAnyOrder(ownEdge, stagingEdge,
                new ClusterRef("us-west-2", "staging-edge", STAGING));
        assertThat(opened.fleet().clusters()).hasSize(3);
        assertThat(opened.fleet().clusters().get(stagingEdge).arn()).contains(":" + STAGING + ":");
        assertThat(opened.fleet().clusters().get(ownEdge).arn()).contains(":" + OWN + ":");
        assertThat(accounts.opened).as("one pair per account").containsExactly(STAGING + "/ReadOnlyAccess",
                OWN + "/ReadOnlyAccess");
        assertThat(ownPicked.calls).as("a pick of the profile's own account would find its clusters twice")
                .noneMatch(c -> c.startsWith("eks:"));
        assertThat(staging.calls).contains("eks:DescribeCluster edge (us-west-2)")
                .doesNotContain("eks:DescribeCluster edge (us-west-2, account " + STAGING + ")");
        assertThat(own.calls).contains("eks:DescribeCluster edge (us-west-2)").noneMatch(c -> c.contains("staging-edge"));
        assertThat(kube.accesses).containsKeys(ownEdge, stagingEdge);

        List<FleetUpdate.RegionFailed> failed = updates.stream().filter(u -> u instanceof FleetUpdate.RegionFailed)
                .map(u -> (FleetUpdate.RegionFailed) u).toList();
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("eu-west-1");
            assertThat(f.reason()).isEqualTo("In account " + STAGING + ", role ReadOnlyAccess: eks:ListClusters was "
                    + "denied in eu-west-1");
        });
        assertThat(updates.get(updates.size() - 1)).isEqualTo(new FleetUpdate.DiscoveryFinished(3,
                ((FleetUpdate.DiscoveryFinished) updates.get(updates.size() - 1)).took()));

        opened.close();
        assertThat(own.closed).isTrue();
        assertThat(staging.closed).isTrue();
        assertThat(ownPicked.closed).isTrue();
        assertThat(kube.listeners).isEmpty();
    }

    @Test
    void tokensDetailAndRefreshGoToTheClustersOwnAccount() {
        FleetService.Opened opened = open("sso", List.of(STAGING + "/ReadOnlyAccess"));
        opened.discovery().join();
        FleetService fleet = opened.fleet();
        ClusterRef stagingEdge = new ClusterRef("us-west-2", "edge", STAGING);
        Cluster cluster = fleet.clusters().get(stagingEdge);

        var access = (ClusterAccess.EksTokenAccess) kube.accesses.get(stagingEdge);
        assertThat(access.tokens().get().value()).isEqualTo("k8s-aws-v1." + STAGING);
        assertThat(staging.calls).contains("token edge (us-west-2)");
        assertThat(own.calls).noneMatch(c -> c.startsWith("token"));

        ClusterDetail detail = fleet.loadDetail(cluster).join();
        assertThat(detail.network().vpc().id()).isEqualTo("vpc-" + STAGING);
        assertThat(staging.calls).contains("eks:ListAccessEntries edge (us-west-2)");

        Cluster again = fleet.refresh(stagingEdge).join();
        assertThat(again.ref()).isEqualTo(stagingEdge);
        assertThat(staging.calls.stream().filter(c -> c.equals("eks:DescribeCluster edge (us-west-2)"))).hasSize(2);

        ClusterRef unknown = new ClusterRef("us-west-2", "edge", "999999999999");
        assertThat(fleet.refresh(unknown)).isCompletedExceptionally();
        assertThat(updates).anySatisfy(u -> assertThat(u).isInstanceOfSatisfying(FleetUpdate.ClusterUnavailable.class,
                x -> assertThat(x.reason()).contains("999999999999 is not among the accounts picked")));
        opened.close();
    }

    @Test
    void aProfileThatDoesNotSignInThroughSsoIgnoresPicks() {
        FleetService.Opened opened = open("keys", List.of(STAGING + "/ReadOnlyAccess"));
        assertThat(opened.discovery().join()).extracting(Cluster::ref).containsExactly(new ClusterRef("us-west-2", "edge"));
        assertThat(accounts.opened).isEmpty();
        assertThat(own.calls).doesNotContain("sts:GetCallerIdentity");
        opened.close();
    }

    @Test
    void anAccountFailingOtherwiseDoesNotEndTheDiscoveryOfTheOthers() {
        staging.listFailure = new IllegalStateException("the portal could not be reached");
        FleetService.Opened opened = open("sso", List.of(STAGING + "/ReadOnlyAccess"));
        assertThat(opened.discovery().join()).extracting(Cluster::ref).containsExactly(new ClusterRef("us-west-2", "edge"));
        assertThat(updates).filteredOn(u -> u instanceof FleetUpdate.RegionFailed).hasSize(2)
                .allSatisfy(u -> assertThat(((FleetUpdate.RegionFailed) u).reason()).startsWith("In account " + STAGING));
        opened.close();
    }

    @Test
    void anEarlyDiscoveryIsForItsPicksOnly() {
        List<String> picks = List.of(STAGING + "/ReadOnlyAccess");
        EarlyDiscovery early = EarlyDiscovery.start(new OneProfile(own), accounts, picks, "sso", REGIONS, kube,
                Runnable::run, ref -> null, Clock.systemUTC());
        assertThat(early.isFor("sso", REGIONS, picks)).isTrue();
        assertThat(early.isFor("sso", REGIONS)).isFalse();
        assertThat(early.isFor("sso", REGIONS, List.of(OWN + "/ReadOnlyAccess"))).isFalse();
        List<FleetUpdate> claimed = new ArrayList<>();
        FleetService.Opened opened = early.claim(claimed::add, ref -> null).orElseThrow().join();
        assertThat(claimed).anySatisfy(u -> assertThat(u).isInstanceOfSatisfying(FleetUpdate.ClusterFound.class,
                f -> assertThat(f.cluster().ref()).isEqualTo(new ClusterRef("us-west-2", "staging-edge", STAGING))));
        opened.close();
        assertThat(staging.closed).isTrue();
    }
}
