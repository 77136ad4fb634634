package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** A profile's own region, chosen as the aws CLI chooses it. */
class ProfileRegionsTest {
    /** The issue's ~/.aws/config: a default profile on an sso-session, and an assume-role profile on it. */
    static final String CONFIG = """
            [default]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = AdministratorAccess
            region = us-west-2

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access

            [profile deploy]
            role_arn = arn:aws:iam::444455556666:role/Deployer
            source_profile = default

            [profile eu]
            role_arn = arn:aws:iam::444455556666:role/Deployer
            source_profile = default
            region = eu-central-1
            """;

    @TempDir
    Path dir;

    private SdkAwsProfiles profiles(Map<String, String> env) throws IOException {
        Path config = Files.writeString(dir.resolve("config"), CONFIG);
        return new SdkAwsProfiles(() -> ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION)
                .build(), EksRegions.ALL, env);
    }

    @Test
    void eachProfileHasItsOwnRegionNeverItsSourceProfiles() throws IOException {
        SdkAwsProfiles p = profiles(Map.of());
        assertThat(p.defaultRegion("default")).contains("us-west-2");
        assertThat(p.defaultRegion("eu")).contains("eu-central-1");
        // the aws CLI does not take the region of an assume-role profile's source_profile
        assertThat(p.defaultRegion("deploy")).isEmpty();
        assertThat(p.defaultRegions()).containsOnlyKeys("default", "eu");
    }

    @Test
    void awsDefaultRegionOverridesEveryProfilesRegion() throws IOException {
        SdkAwsProfiles p = profiles(Map.of("AWS_DEFAULT_REGION", "ap-southeast-2"));
        assertThat(p.defaultRegion("default")).contains("ap-southeast-2");
        assertThat(p.defaultRegion("deploy")).contains("ap-southeast-2");
        assertThat(p.defaultRegion("eu")).contains("ap-southeast-2");
    }

    @Test
    void awsRegionComesBeforeAwsDefaultRegion() throws IOException {
        SdkAwsProfiles p = profiles(Map.of("AWS_REGION", "ca-central-1", "AWS_DEFAULT_REGION", "ap-southeast-2"));
        assertThat(p.defaultRegion("default")).contains("ca-central-1");
        assertThat(p.defaultRegion("eu")).contains("ca-central-1");
    }

    @Test
    void blankVariablesAreNotSet() throws IOException {
        SdkAwsProfiles p = profiles(Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", ""));
        assertThat(p.defaultRegion("default")).contains("us-west-2");
    }

    @Test
    void noFilesAtAllTheDefaultProfileTakesTheEnvironmentsRegion() {
        Path missing = dir.resolve("none");
        SdkAwsProfiles p = new SdkAwsProfiles(() -> ProfileFile.aggregator().build(), EksRegions.ALL,
                Map.of("AWS_DEFAULT_REGION", "eu-west-1"));
        assertThat(Files.exists(missing)).isFalse();
        assertThat(p.defaultRegions()).containsExactly(Map.entry("default", "eu-west-1"));
        assertThat(new SdkAwsProfiles(() -> ProfileFile.aggregator().build(), EksRegions.ALL, Map.of())
                .defaultRegions()).isEmpty();
    }
}
