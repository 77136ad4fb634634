package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hybridpane.app.ConsolePorts;
import dev.hybridpane.app.ConsoleUi;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.Settings;
import dev.hybridpane.core.SsoAccounts;
import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.shell.EnvironmentSession;
import dev.hybridpane.ui.shell.ShellStart;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other accounts' roles picked for an AWS SSO profile: remembered per profile, and their clusters in the fleet. */
class UiAccountPicksTest {
    static final AccountRole STAGING = new AccountRole("444455556666", "hybridpane-lab-staging", "ReadOnlyAccess");

    private final FakeAws aws = new FakeAws();
    /** The second account's AWS: a cluster of the same name and region as one of the profile's own. */
    private final FakeAws stagingAws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();
    private final MemorySettingsStore store = new MemorySettingsStore(Settings.DEFAULTS
            .withProfileAccounts("sso", List.of(STAGING.key())).withProfileRegions("sso", List.of("us-west-2")));
    private final List<String> opened = new ArrayList<>();
    private final SsoAccounts accounts = new SsoAccounts() {
        @Override
        public boolean supports(String profile) {
            return "sso".equals(profile);
        }

        @Override
        public List<AccountRole> list(String profile) {
            return List.of(STAGING);
        }

        @Override
        public AwsPort open(String profile, AccountRole pick) {
            opened.add(pick.key());
            return stagingAws.open("staging");
        }
    };

    UiAccountPicksTest() {
        aws.clustersByProfile.put("sso", List.of(
                cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE)));
        aws.clustersByProfile.put("keys", List.of(
                cluster("us-west-2", "keys-only", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE)));
        aws.defaultRegions.put("keys", "us-west-2");
        stagingAws.clustersByProfile.put("staging", List.of(
                cluster("us-west-2", "edge", "1.31", true, AuthenticationMode.API, EndpointAccess.PRIVATE),
                cluster("us-west-2", "staging-edge", "1.32", true, AuthenticationMode.API, EndpointAccess.PUBLIC)));
    }

    private ConsolePorts ports() {
        return TestConsole.ports(aws, kube, store, Runnable::run, false, null, Path.of("/tmp/hp"));
    }

    private static List<ClusterRef> refs(ShellViewModel vm) {
        return vm.fleet().clusterRows().stream().map(r -> r.cluster().ref()).sorted().toList();
    }

    @Test
    void thePicksOfTheProfileAreDiscoveredWithItAndPickingAgainRemembersAndRediscovers() {
        ShellViewModel vm = ConsoleUi.shell(ports(), new SyncTaskRunner(),
                ShellStart.read(store, aws, TestConsole.environment(false, null), accounts));
        EnvironmentSession session = vm.session();
        assertSame(accounts, session.ssoAccounts());
        assertEquals("sso", vm.profileProperty().get());
        assertEquals(List.of("444455556666/ReadOnlyAccess"), session.pickedAccounts());

        vm.startDiscovery();
        vm.bridge().drain();
        ClusterRef ownEdge = new ClusterRef("us-west-2", "edge");
        ClusterRef stagingEdge = new ClusterRef("us-west-2", "edge", "444455556666");
        assertEquals(List.of(ownEdge, stagingEdge, new ClusterRef("us-west-2", "staging-edge", "444455556666")), refs(vm),
                "the same name and region in two accounts: two clusters");

        session.pickAccounts(List.of());
        vm.bridge().drain();
        assertEquals(List.of(ownEdge), refs(vm));
        assertEquals(List.of(), store.saved.accountsOf("sso"));
        assertEquals(List.of(), session.pickedAccounts());

        session.pickAccounts(List.of(STAGING));
        vm.bridge().drain();
        assertEquals(3, refs(vm).size());
        assertEquals(List.of(STAGING.key()), store.saved.accountsOf("sso"));
        assertEquals(List.of(STAGING.key(), STAGING.key()), opened, "opened on the first discovery and on the pick");

        vm.switchProfile("keys");
        vm.bridge().drain();
        assertEquals(List.of(), session.pickedAccounts(), "picks are per profile");
        assertEquals(List.of(new ClusterRef("us-west-2", "keys-only")), refs(vm));
        vm.close();
        assertEquals(List.of(STAGING.key()), store.saved.accountsOf("sso"));
    }

    @Test
    void theWindowClaimsTheEarlyDiscoveryOfTheProfilesPicks() {
        ConsolePorts ports = ports();
        ShellStart start = ShellStart.begin(store, aws, ports.environment(), accounts, kube, Runnable::run,
                Clock.systemUTC());
        ShellViewModel vm = ConsoleUi.shell(ports, new SyncTaskRunner(), start);
        vm.startDiscovery();
        vm.bridge().drain();
        assertEquals(3, refs(vm).size());
        assertEquals(List.of("sso"), aws.opened, "the discovery begun before the window was claimed, not begun again");
        assertEquals(List.of(STAGING.key()), opened);
        vm.close();
    }
}
