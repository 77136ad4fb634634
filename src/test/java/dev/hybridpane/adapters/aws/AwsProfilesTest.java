package dev.hybridpane.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.lab.Lab;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.world.LabWorld;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsProfilesTest {
    @TempDir
    Path home;

    Path write(String name, String content) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        return Files.writeString(aws.resolve(name), content);
    }

    ProfileFile files() {
        ProfileFile.Aggregator agg = ProfileFile.aggregator();
        Path config = home.resolve(".aws/config");
        Path creds = home.resolve(".aws/credentials");
        if (Files.exists(config)) {
            agg.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (Files.exists(creds)) {
            agg.addFile(ProfileFile.builder().content(creds).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return agg.build();
    }

    @Test
    void profilesComeFromBothFilesDefaultFirst() throws IOException {
        write("config", "[profile zeta]\nregion = eu-west-1\n[default]\nregion = us-west-2\n"
                + "[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n"
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
        write("credentials", "[alpha]\naws_access_key_id = AKIAX\naws_secret_access_key = s3cr3t\n");
        SdkAwsProfiles profiles = new SdkAwsProfiles(this::files, EksRegions.ALL);
        assertThat(profiles.profiles()).containsExactly("default", "alpha", "sso-dev", "zeta");
        assertThat(profiles.availableRegions()).contains("us-west-2", "eu-central-1");
    }

    @Test
    void noProfilesMeansTheDefaultChainAlone() {
        assertThat(new SdkAwsProfiles(this::files, EksRegions.ALL).profiles()).containsExactly("default");
    }

    @Test
    void aProfileWithoutCredentialsFailsAsNoCredentials() throws IOException {
        write("config", "[profile bare]\nregion = us-west-2\n");
        try (AwsPort port = new SdkAwsProfiles(this::files, EksRegions.ALL).open("bare")) {
            AwsFailure f = catchThrowableOfType(AwsFailure.class, port::callerIdentity);
            assertThat(f.kind()).isEqualTo(FailureKind.NO_CREDENTIALS);
            assertThat(f.getMessage()).contains("sts:GetCallerIdentity").contains("profile bare");
        }
    }

    @Test
    void profileRegionBecomesTheHomeRegion() throws IOException {
        write("config", "[profile eu]\nregion = eu-central-1\n");
        try (AwsClientFactory f = AwsClientFactory.forProfile("eu", files())) {
            assertThat(f.homeRegion()).isEqualTo("eu-central-1");
            assertThat(f.endpointOverride()).isEmpty();
            assertThat(f.label()).isEqualTo("profile eu");
        }
    }

    @Test
    void detectorSeesEnvironmentKeysProfilesAndFiles() throws IOException {
        assertThat(new AwsCredentialsDetector(Map.of(), home).credentialsAvailable()).isFalse();
        assertThat(new AwsCredentialsDetector(Map.of("AWS_ACCESS_KEY_ID", "AKIA"), home).credentialsAvailable()).isFalse();
        assertThat(new AwsCredentialsDetector(Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "x"), home)
                .credentialsAvailable()).isTrue();
        assertThat(new AwsCredentialsDetector(Map.of("AWS_PROFILE", "dev"), home).credentialsAvailable()).isTrue();
        write("config", "# nothing yet\n");
        assertThat(new AwsCredentialsDetector(Map.of(), home).credentialsAvailable()).isFalse();
        write("credentials", "[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n");
        assertThat(new AwsCredentialsDetector(Map.of(), home).credentialsAvailable()).isTrue();
    }

    @Test
    void detectorHonoursAwsConfigFile() throws IOException {
        Path elsewhere = Files.writeString(home.resolve("my-config"), "[profile work]\nregion = us-east-2\n");
        assertThat(new AwsCredentialsDetector(Map.of("AWS_CONFIG_FILE", elsewhere.toString()), home).credentialsAvailable())
                .isTrue();
    }

    @Test
    void anEndpointProfileOpensTheSdkPortOnThatEndpoint() {
        LabWorld world = LabWorld.load();
        try (AwsEmulator emulator = new AwsEmulator(world, Map.of(), "")) {
            URI endpoint = emulator.start();
            EndpointAwsProfiles lab = new EndpointAwsProfiles("lab", () -> endpoint, Lab.ACCESS_KEY_ID,
                    Lab.SECRET_ACCESS_KEY, world.regions());
            assertThat(lab.profiles()).containsExactly("lab");
            assertThat(lab.availableRegions()).containsExactly("us-west-2", "eu-central-1");
            try (AwsPort port = lab.open("lab")) {
                assertThat(port).isInstanceOf(SdkAwsPort.class);
                assertThat(port.callerIdentity().account()).isEqualTo("111122223333");
                assertThat(port.listClusters("eu-central-1")).isEqualTo(List.of("factory-floor", "warehouse-edge"));
            }
            assertThatThrownBy(() -> lab.open("prod")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
