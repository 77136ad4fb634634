package dev.hybridpane.ui;

import static dev.hybridpane.ui.TestData.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hybridpane.app.ConsolePorts;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.domain.AuthenticationMode;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.domain.EndpointAccess;
import dev.hybridpane.ui.common.SyncTaskRunner;
import dev.hybridpane.ui.fleet.FleetProblems;
import dev.hybridpane.ui.shell.ProblemNotice;
import dev.hybridpane.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A credential problem or a failed region reaches the fleet's problems and the banner's words. */
class ProblemNoticeTest {
    static final CredentialProblem NOT_SIGNED_IN = new CredentialProblem(Kind.SSO_NOT_SIGNED_IN, "default", null, null,
            "Not signed in to AWS SSO", "Profile default uses AWS SSO (sso-session corp), and there is no sign-in for it"
            + " on this computer.", "Sign in to AWS SSO (in HybridPane, or with: aws sso login --profile default),"
            + " then refresh.", "default");

    private final FakeAws aws = new FakeAws();
    private final FakeClusterPort kube = new FakeClusterPort();

    static AwsFailure failure(CredentialProblem p) {
        return new AwsFailure(FailureKind.NO_CREDENTIALS, "eks:ListClusters", null, "eks:ListClusters could not run: "
                + p.title() + ".", null, p);
    }

    static CredentialProblem denied(String region) {
        return new CredentialProblem(Kind.ACCESS_DENIED, "default", null, region, "Access denied to eks:ListClusters in "
                + region, "User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized",
                "Ask your AWS administrator to allow eks:ListClusters and eks:DescribeCluster in " + region
                        + " for the role of profile default, or pick other regions.", null);
    }

    private ShellViewModel discover() {
        ConsolePorts ctx = TestConsole.ports(aws, kube, new MemorySettingsStore(null), Runnable::run, false, null,
                Path.of("/tmp/hp"));
        ShellViewModel vm = TestConsole.shell(ctx, new SyncTaskRunner());
        vm.startDiscovery();
        vm.bridge().drain();
        return vm;
    }

    @Test
    void notSignedInIsTheBannersDangerWithSignIn() {
        aws.clustersByProfile.put("default", List.of());
        aws.defaultRegions.put("default", "us-west-2");
        aws.listFailures.put("us-west-2", failure(NOT_SIGNED_IN));
        ShellViewModel vm = discover();
        FleetProblems problems = vm.fleet().problems();
        assertEquals(NOT_SIGNED_IN, problems.credentialsProperty().get());
        assertTrue(problems.anyProperty().get());
        assertEquals("region errors: us-west-2", problems.regionErrorsProperty().get());
        assertFalse(vm.fleet().statusTextProperty().get().contains("region errors"),
                "the regions are the status bar's link, not its text");
        ProblemNotice n = ProblemNotice.of(problems);
        assertTrue(n.danger());
        assertEquals("Not signed in to AWS SSO", n.title());
        assertTrue(n.description().contains("aws sso login --profile default"), n.description());
        assertEquals("default", n.signInProfile());
        assertEquals(1, n.regions());

        vm.fleet().reset();
        assertNull(ProblemNotice.of(problems), "a new discovery starts with nothing to say");
        assertFalse(problems.anyProperty().get());
    }

    @Test
    void oneRegionDeniedIsAWarningNamingIt() {
        aws.clustersByProfile.put("default", List.of(
                cluster("us-west-2", "edge-prod", "1.31", true, AuthenticationMode.API, EndpointAccess.PUBLIC)));
        aws.regions.add("eu-west-1");
        aws.listFailures.put("eu-west-1", failure(denied("eu-west-1")));
        ShellViewModel vm = discover();
        vm.setRegions(List.of("us-west-2", "eu-west-1"));
        vm.bridge().drain();
        FleetProblems problems = vm.fleet().problems();
        assertNull(problems.credentialsProperty().get(), "a region's access is not the profile's credentials");
        assertEquals(1, vm.fleet().clusterRows().size());
        ProblemNotice n = ProblemNotice.of(problems);
        assertFalse(n.danger());
        assertEquals("Clusters of eu-west-1 could not be listed", n.title());
        assertTrue(n.description().startsWith("eu-west-1: Access denied to eks:ListClusters. Ask your AWS"),
                n.description());
        assertNull(n.signInProfile());
    }

    @Test
    void aRegionFailingForAnotherReasonShowsItsReason() {
        aws.clustersByProfile.put("default", List.of());
        aws.listFailures.put("us-east-1", new AwsFailure(FailureKind.UNREACHABLE, "eks:ListClusters", null,
                "eks:ListClusters could not reach AWS: UnknownHostException: eks.us-east-1.amazonaws.com", null));
        ProblemNotice n = ProblemNotice.of(discover().fleet().problems());
        assertEquals("us-east-1: eks:ListClusters could not reach AWS: UnknownHostException: eks.us-east-1.amazonaws.com",
                n.description());
    }
}
