package dev.hybridpane.lab.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.hybridpane.lab.world.LabWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rolesanywhere.RolesAnywhereClient;
import software.amazon.awssdk.services.rolesanywhere.model.ListTrustAnchorsResponse;
import software.amazon.awssdk.services.rolesanywhere.model.ProfileDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorDetail;
import software.amazon.awssdk.services.rolesanywhere.model.TrustAnchorType;
import software.amazon.awssdk.services.rolesanywhere.model.ValidationException;

/** The lab's IAM Roles Anywhere through the AWS SDK's RolesAnywhereClient: enabled, CA bundles, pages. */
class LabRolesAnywhereTest {
    static final String ROLE = "arn:aws:iam::111122223333:role/retail-edge-hybrid-ra";
    static AwsEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = new AwsEmulator(LabWorld.load(), Map.of(), "");
        emulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static RolesAnywhereClient client(String region) {
        return RolesAnywhereClient.builder().endpointOverride(emulator.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LabCredentials.LAB_ACCESS_KEY_ID,
                        LabCredentials.LAB_SECRET_ACCESS_KEY)))
                .build();
    }

    static TrustAnchorDetail create(RolesAnywhereClient ra, String name, String pem, Boolean enabled) {
        return ra.createTrustAnchor(b -> b.name(name).enabled(enabled).source(s -> s.sourceType(TrustAnchorType.CERTIFICATE_BUNDLE)
                .sourceData(d -> d.x509CertificateData(pem)))).trustAnchor();
    }

    static String refused(RolesAnywhereClient ra, String pem) {
        ValidationException e = catchThrowableOfType(() -> create(ra, "refused", pem, true), ValidationException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void enabledIsWhatTheRequestSaysAndFalseWhenItSaysNothing() {
        try (RolesAnywhereClient ra = client("ap-southeast-2")) {
            TrustAnchorDetail off = create(ra, "unset", TestCertificates.ca("unset CA"), null);
            TrustAnchorDetail on = create(ra, "on", TestCertificates.ca("on CA"), true);
            assertThat(off.enabled()).isFalse();
            assertThat(on.enabled()).isTrue();
            assertThat(ra.disableTrustAnchor(b -> b.trustAnchorId(on.trustAnchorId())).trustAnchor().enabled()).isFalse();
            assertThat(ra.enableTrustAnchor(b -> b.trustAnchorId(off.trustAnchorId())).trustAnchor().enabled()).isTrue();
            assertThat(ra.listTrustAnchors(b -> { }).trustAnchors()).extracting(TrustAnchorDetail::name, TrustAnchorDetail::enabled)
                    .containsExactly(tuple("unset", true), tuple("on", false));

            ProfileDetail p = ra.createProfile(b -> b.name("p").roleArns(ROLE)).profile();
            assertThat(p.enabled()).isFalse();
            assertThat(p.durationSeconds()).isEqualTo(3600);
            assertThat(ra.enableProfile(b -> b.profileId(p.profileId())).profile().enabled()).isTrue();
            assertThat(ra.getProfile(b -> b.profileId(p.profileId())).profile().enabled()).isTrue();
            assertThat(ra.disableProfile(b -> b.profileId(p.profileId())).profile().enabled()).isFalse();
        }
    }

    @Test
    void aBundleMustBeParsableCaCertificates() {
        try (RolesAnywhereClient ra = client("ap-south-1")) {
            assertThat(refused(ra, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"))
                    .isEqualTo(CaBundles.UNPARSABLE);
            assertThat(refused(ra, "hello")).isEqualTo(CaBundles.UNPARSABLE);
            assertThat(refused(ra, TestCertificates.pem("leaf", false, KeyUsage.digitalSignature)))
                    .contains("CN=leaf is not a CA certificate").contains("basic constraints");
            assertThat(refused(ra, TestCertificates.pem("no constraints", null, KeyUsage.keyCertSign)))
                    .contains("CN=no constraints is not a CA certificate");
            assertThat(refused(ra, TestCertificates.pem("no certsign", true, KeyUsage.digitalSignature)))
                    .contains("CN=no certsign is not a CA certificate").contains("keyCertSign");
            assertThat(refused(ra, TestCertificates.ca("good CA") + TestCertificates.pem("leaf2", false, KeyUsage.digitalSignature)))
                    .contains("CN=leaf2");
            assertThat(ra.listTrustAnchors(b -> { }).trustAnchors()).isEmpty();
            assertThat(create(ra, "good", TestCertificates.ca("good CA"), true).name()).isEqualTo("good");
        }
    }

    @Test
    void listsPageWithTokensBoundToTheCall() {
        try (RolesAnywhereClient ra = client("sa-east-1"); RolesAnywhereClient other = client("eu-west-3")) {
            for (String n : List.of("a1", "a2", "a3")) {
                create(ra, n, TestCertificates.ca(n), true);
                ra.createProfile(b -> b.name(n).roleArns(ROLE).enabled(true));
            }
            ListTrustAnchorsResponse first = ra.listTrustAnchors(b -> b.pageSize(2));
            assertThat(first.trustAnchors()).extracting(TrustAnchorDetail::name).containsExactly("a1", "a2");
            assertThat(first.nextToken()).isNotBlank();
            ListTrustAnchorsResponse second = ra.listTrustAnchors(b -> b.pageSize(2).nextToken(first.nextToken()));
            assertThat(second.trustAnchors()).extracting(TrustAnchorDetail::name).containsExactly("a3");
            assertThat(second.nextToken()).isNull();
            assertThat(ra.listTrustAnchorsPaginator(b -> b.pageSize(1)).trustAnchors()).extracting(TrustAnchorDetail::name)
                    .containsExactly("a1", "a2", "a3");
            assertThat(ra.listProfilesPaginator(b -> b.pageSize(2)).profiles()).extracting(ProfileDetail::name)
                    .containsExactly("a1", "a2", "a3");

            String profilesToken = ra.listProfiles(b -> b.pageSize(1)).nextToken();
            for (String bad : List.of(profilesToken, "bGFiLXBhZ2U6LTE", "not a token")) {
                ValidationException e = catchThrowableOfType(() -> ra.listTrustAnchors(b -> b.nextToken(bad)), ValidationException.class);
                assertThat(e.statusCode()).isEqualTo(400);
            }
            assertThat(catchThrowableOfType(() -> other.listTrustAnchors(b -> b.nextToken(first.nextToken())),
                    ValidationException.class)).isNotNull();
            assertThat(catchThrowableOfType(() -> ra.listTrustAnchors(b -> b.pageSize(0)), ValidationException.class)).isNotNull();
            assertThat(ra.listCrls(b -> { }).crls()).isEmpty();
        }
    }

    @Test
    void seededAnchorAndProfileAreEnabled() {
        try (RolesAnywhereClient ra = client("us-west-2")) {
            assertThat(ra.listTrustAnchors(b -> { }).trustAnchors()).extracting(TrustAnchorDetail::name, TrustAnchorDetail::enabled)
                    .containsExactly(tuple("retail-edge-stores", true));
            assertThat(ra.listProfiles(b -> { }).profiles()).singleElement().satisfies(p -> {
                assertThat(p.enabled()).isTrue();
                assertThat(p.roleArns()).containsExactly(ROLE);
            });
        }
    }

    @Test
    void theWorldCannotSeedATrustAnchorFromANonCaCertificate() {
        RolesAnywhereService ra = new RolesAnywhereService(new Json(), new AwsState(LabWorld.load()), 0);
        assertThatThrownBy(() -> ra.seedAnchor("us-west-2", "leaf", TestCertificates.pem("seed leaf", false, KeyUsage.digitalSignature),
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CN=seed leaf is not a CA certificate");
        assertThat(ra.anchors()).isEmpty();
    }
}
