package dev.hybridpane.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.SsoDeviceSignIn;
import dev.hybridpane.adapters.aws.SsoSession;
import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.app.LabSsoSnippet;
import dev.hybridpane.core.SsoSignIn;
import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.lab.aws.AwsEmulator;
import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.ui.auth.SignInViewModel.State;
import dev.hybridpane.ui.common.SyncTaskRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** The in-window AWS SSO sign-in: against the lab (the "browser" opens the page, which approves it), and its failures. */
class SignInViewModelTest {
    @TempDir
    Path dir;

    @Test
    void signingInAgainstTheLabShowsTheCodeOpensThePageAndEndsSignedIn() throws Exception {
        LabWorld world = LabWorld.load();
        try (AwsEmulator emulator = new AwsEmulator(world, Map.of(), "")) {
            Path config = Files.writeString(dir.resolve("config"), LabSsoSnippet.config(world, emulator.start()));
            ProfileFile file = ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
            SsoTokenCache cache = new SsoTokenCache(dir.resolve(".aws/sso/cache"));
            List<String> opened = new ArrayList<>();
            List<String> signedIn = new ArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            SignInViewModel vm = new SignInViewModel(new SyncTaskRunner(),
                    new SsoDeviceSignIn(name -> SsoSession.of(file, name), cache), url -> {
                        opened.add(url);
                        try {
                            http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, signedIn::add);
            vm.start("lab-sso");
            assertThat(vm.stateProperty().get()).as(vm.messageProperty().get()).isEqualTo(State.SIGNED_IN);
            assertThat(vm.userCodeProperty().get()).matches("[A-Z]{4}-[A-Z]{4}");
            assertThat(opened).containsExactly(vm.urlProperty().get());
            assertThat(vm.urlProperty().get()).endsWith("user_code=" + vm.userCodeProperty().get());
            assertThat(signedIn).containsExactly("lab-sso");
            assertThat(cache.read(SsoSession.of(file, "lab-sso"))).isPresent();
        }
    }

    @Test
    void aProfileThatIsNotSsoFailsWithItsSentenceAndACancelledWaitSaysCancelled() {
        SsoSignIn refusing = new SsoSignIn() {
            @Override
            public DeviceCode start(String profile) {
                throw new IllegalArgumentException("profile 'keys' is not an AWS SSO profile");
            }

            @Override
            public Instant await(DeviceCode code, CancelToken cancel) {
                throw new IllegalStateException("unused");
            }
        };
        SignInViewModel vm = new SignInViewModel(new SyncTaskRunner(), refusing, url -> { }, p -> { });
        vm.start("keys");
        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.messageProperty().get()).containsIgnoringCase("not an AWS SSO profile");

        SsoSignIn waitsForCancel = new SsoSignIn() {
            @Override
            public DeviceCode start(String profile) {
                return new DeviceCode(profile, "ABCD-EFGH", "http://example.invalid/device?user_code=ABCD-EFGH",
                        Instant.now().plusSeconds(600));
            }

            @Override
            public Instant await(DeviceCode code, CancelToken cancel) {
                cancel.cancel();   // as the Cancel button would, while waiting
                throw new IllegalStateException("the sign-in was cancelled");
            }
        };
        List<String> signedIn = new ArrayList<>();
        SignInViewModel waiting = new SignInViewModel(new SyncTaskRunner(), waitsForCancel, url -> { }, signedIn::add);
        waiting.start("lab-sso");
        assertThat(waiting.stateProperty().get()).isEqualTo(State.CANCELLED);
        assertThat(waiting.userCodeProperty().get()).isEqualTo("ABCD-EFGH");
        assertThat(signedIn).isEmpty();
    }
}
