package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.sso.auth.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Each cause, from what the SDK really throws: the profiles of a temporary config are resolved by the SDK's own
 * ProfileCredentialsProvider (or called through the console's port), and the exception it throws is classified. None of
 * these needs the network: each fails before any request leaves.
 */
class CredentialProblemsTest {
    static final String CONFIG = ProfileRegionsTest.CONFIG + """

            [profile legacy]
            sso_start_url = https://legacy-hybridpane-test.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = Admin

            [profile keys]
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

            [profile mfa]
            role_arn = arn:aws:iam::444455556666:role/Admin
            source_profile = keys
            mfa_serial = arn:aws:iam::111122223333:mfa/alice

            [profile proc]
            credential_process = sh -c 'echo "login required for AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" >&2; exit 3'

            [profile procjson]
            credential_process = sh -c 'echo not-json'

            [profile orphan]
            role_arn = arn:aws:iam::444455556666:role/Deployer
            source_profile = missing

            [profile nothing]
            region = eu-west-1
            """;

    @TempDir
    Path dir;

    private ProfileFile file() throws IOException {
        Path config = Files.writeString(dir.resolve("config"), CONFIG);
        return ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    }

    /** What the SDK's provider throws for a profile of the config. */
    private RuntimeException resolving(ProfileFile file, String profile) {
        Throwable t = catchThrowable(() -> ProfileCredentialsProvider.builder().profileFile(file).profileName(profile)
                .build().resolveCredentials());
        assertThat(t).as("the SDK fails for " + profile).isInstanceOf(RuntimeException.class);
        return (RuntimeException) t;
    }

    private CredentialProblem classify(ProfileFile file, String profile, RuntimeException e) {
        return CredentialProblems.classify(profile, file, "eks:ListClusters", "us-west-2", e).orElseThrow();
    }

    /** Through the console's own port: SdkAwsPort's translation, then the profile's. */
    private AwsFailure listing(ProfileFile file, String profile) {
        SdkAwsProfiles profiles = new SdkAwsProfiles(() -> file, EksRegions.ALL, Map.of());
        try (AwsPort port = profiles.open(profile)) {
            Throwable t = catchThrowable(() -> port.listClusters("us-west-2"));
            assertThat(t).isInstanceOf(AwsFailure.class);
            return (AwsFailure) t;
        }
    }

    @Test
    void ssoSessionNotSignedIn() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "default");
        assertThat(e).hasMessageContaining("Unable to load SSO token");
        CredentialProblem p = classify(file, "default", e);
        assertThat(p.kind()).isEqualTo(Kind.SSO_NOT_SIGNED_IN);
        assertThat(p.title()).isEqualTo("Not signed in to AWS SSO");
        assertThat(p.detail()).contains("sso-session corp");
        assertThat(p.signIn()).contains("default");
        assertThat(p.fix()).contains("aws sso login --profile default");

        AwsFailure f = listing(file, "default");
        assertThat(f.credentialProblem()).map(CredentialProblem::kind).contains(Kind.SSO_NOT_SIGNED_IN);
        assertThat(f.getMessage()).startsWith("eks:ListClusters could not run: Not signed in to AWS SSO.");
    }

    @Test
    void legacySsoProfileNotSignedIn() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "legacy");
        assertThat(e).hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
        CredentialProblem p = classify(file, "legacy", e);
        assertThat(p.kind()).isEqualTo(Kind.SSO_NOT_SIGNED_IN);
        assertThat(p.detail()).contains("https://legacy-hybridpane-test.awsapps.com/start");
        assertThat(listing(file, "legacy").credentialProblem()).map(CredentialProblem::kind)
                .contains(Kind.SSO_NOT_SIGNED_IN);
    }

    @Test
    void ssoSessionExpired() throws IOException {
        ProfileFile file = file();
        // the SDK's words for an expired sign-in of a legacy SSO profile (seen with a cache file past its expiresAt)
        ExpiredTokenException expired = ExpiredTokenException.builder().message("The SSO session associated with this"
                + " profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the"
                + " corresponding profile.").build();
        AwsFailure translated = AwsFailures.translate("eks:ListClusters", expired, "profile legacy");
        CredentialProblem p = classify(file, "legacy", translated);
        assertThat(p.kind()).isEqualTo(Kind.SSO_EXPIRED);
        assertThat(p.title()).isEqualTo("Your AWS SSO session has expired");
        assertThat(p.signIn()).contains("legacy");
        // an sso-session cache with no client registration to refresh with: the SDK's NullPointerException
        CredentialProblem npe = classify(file, "default", new NullPointerException("clientId is null "));
        assertThat(npe.kind()).isEqualTo(Kind.SSO_EXPIRED);
    }

    @Test
    void assumeRoleWhoseSourceIsNotSignedInNamesTheSource() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "deploy");
        assertThat(e).hasMessageContaining("Unable to load SSO token").hasMessageNotContaining("deploy");
        CredentialProblem p = classify(file, "deploy", e);
        assertThat(p.kind()).isEqualTo(Kind.SOURCE_FAILED);
        assertThat(p.source()).isEqualTo("default");
        assertThat(p.title()).contains("profile default");
        assertThat(p.detail()).startsWith("Not signed in to AWS SSO");
        assertThat(p.signIn()).as("signing in the source fixes it").contains("default");
        assertThat(listing(file, "deploy").credentialProblem()).map(CredentialProblem::source).contains("default");
    }

    @Test
    void assumeRoleWhoseSourceIsMissing() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "orphan");
        assertThat(e).hasMessageContaining("source profile has no credentials configured");
        CredentialProblem p = classify(file, "orphan", e);
        assertThat(p.kind()).isEqualTo(Kind.SOURCE_FAILED);
        assertThat(p.source()).isEqualTo("missing");
        assertThat(p.detail()).isEqualTo("Source profile missing is not in your AWS config.");
        assertThat(p.signIn()).isEmpty();
    }

    @Test
    void mfaNeeded() throws IOException {
        ProfileFile file = file();
        AwsServiceException denied = StsException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .serviceName("Sts").errorCode("AccessDenied").errorMessage("User: arn:aws:iam::111122223333:user/alice"
                        + " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Admin")
                .build()).build();
        AwsFailure translated = AwsFailures.translate("eks:ListClusters", denied, "profile mfa");
        CredentialProblem p = classify(file, "mfa", translated);
        assertThat(p.kind()).isEqualTo(Kind.MFA_REQUIRED);
        assertThat(p.detail()).contains("arn:aws:iam::111122223333:mfa/alice");
        assertThat(p.fix()).contains("code");
        // the same refusal of a role without mfa_serial is no MFA matter
        assertThat(CredentialProblems.classify("deploy", file, "eks:ListClusters", "us-west-2", translated)).isEmpty();
    }

    @Test
    void credentialProcessFailedShowsItsStderrMasked() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "proc");
        assertThat(e).hasMessage("Failed to refresh process-based credentials.");
        assertThat(e.getCause()).hasMessageContaining("Command returned non-zero exit value (3)");
        CredentialProblem p = classify(file, "proc", e);
        assertThat(p.kind()).isEqualTo(Kind.PROCESS_FAILED);
        assertThat(p.detail()).startsWith("It exited with status 3 and said: login required for ****")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("wJalrXUtnFEMI");
        AwsFailure f = listing(file, "proc");
        assertThat(f.credentialProblem()).map(CredentialProblem::kind).contains(Kind.PROCESS_FAILED);
        assertThat(f.getMessage()).doesNotContain("wJalrXUtnFEMI").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(f.getCause()).as("the raw output stays out of the failure").isNull();

        CredentialProblem json = classify(file, "procjson", resolving(file, "procjson"));
        assertThat(json.kind()).isEqualTo(Kind.PROCESS_FAILED);
        assertThat(json.detail()).startsWith("Its output was not credentials: Unrecognized token 'not'");
    }

    @Test
    void noCredentialsOffersTheLab() throws IOException {
        ProfileFile file = file();
        RuntimeException e = resolving(file, "nothing");
        assertThat(e).hasMessageStartingWith("Profile file contained no credentials for profile 'nothing'");
        CredentialProblem p = classify(file, "nothing", e);
        assertThat(p.kind()).isEqualTo(Kind.NO_CREDENTIALS);
        assertThat(p.fix()).contains("--lab");
        assertThat(p.detail()).doesNotContain("ProfileFile(");
    }

    @Test
    void accessDeniedOnListClustersIsTheRegions() throws IOException {
        ProfileFile file = file();
        AwsServiceException denied = EksException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .serviceName("Eks").errorCode("AccessDeniedException").errorMessage("User: arn:aws:sts::111122223333:"
                        + "assumed-role/ReadOnly/alice is not authorized to perform: eks:ListClusters on resource:"
                        + " arn:aws:eks:eu-west-1:111122223333:cluster/*").build()).build();
        AwsFailure f = AwsFailures.translate("eks:ListClusters", denied, "profile keys");
        RuntimeException withProblem = new ProfileAwsPort(null, "keys", file).translate("eks:ListClusters", "eu-west-1", f);
        assertThat(withProblem).isInstanceOf(AwsFailure.class).hasMessage(f.getMessage());
        CredentialProblem p = ((AwsFailure) withProblem).credentialProblem().orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(p.regional()).isTrue();
        assertThat(p.region()).isEqualTo("eu-west-1");
        assertThat(p.title()).isEqualTo("Access denied to eks:ListClusters in eu-west-1");
        // DescribeCluster denied is one cluster's matter, and a network failure is no credential problem
        assertThat(CredentialProblems.classify("keys", file, "eks:DescribeCluster", "eu-west-1", f)).isEmpty();
        RuntimeException offline = new java.io.UncheckedIOException(new java.net.UnknownHostException("eks.eu-west-1"));
        assertThat(new ProfileAwsPort(null, "keys", file).translate("eks:ListClusters", "eu-west-1", offline))
                .isSameAs(offline);
    }

    @Test
    void profilesOfTheConfigAreAsExpected() throws IOException {
        assertThat(new SdkAwsProfiles(this::fileUnchecked, EksRegions.ALL, Map.of()).profiles()).containsAll(
                List.of("default", "deploy", "legacy", "mfa", "proc", "orphan", "nothing"));
    }

    private ProfileFile fileUnchecked() {
        try {
            return file();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
