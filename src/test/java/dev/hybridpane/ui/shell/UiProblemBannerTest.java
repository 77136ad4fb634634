package dev.hybridpane.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.ui.FakeAws;
import dev.hybridpane.ui.FakeClusterPort;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.MemorySettingsStore;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.fleet.FleetViewModel;
import dev.hybridpane.ui.settings.ThemeChoice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first five minutes: the default profile on an sso-session, not signed in, region us-west-2. The window
 * opens on us-west-2, the banner says "Not signed in to AWS SSO" with the fix, no empty state blames a filter, and the
 * status bar's region errors open the regions' reasons. Screenshots in light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class UiProblemBannerTest {
    static final CredentialProblem NOT_SIGNED_IN = new CredentialProblem(Kind.SSO_NOT_SIGNED_IN, "default", null, null,
            "Not signed in to AWS SSO", "Profile default uses AWS SSO (sso-session corp), and there is no sign-in for it"
            + " on this computer.", "Sign in to AWS SSO (in HybridPane, or with: aws sso login --profile default),"
            + " then refresh.", "default");

    private final FakeAws aws = new FakeAws();
    private final MemorySettingsStore store = new MemorySettingsStore(Settings.DEFAULTS.withTheme("LIGHT")
            .withLastView("clusters"));
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        aws.clustersByProfile.put("default", List.of());
        aws.clustersByProfile.put("deploy", List.of());
        aws.defaultRegions.put("default", "us-west-2");
        aws.listFailures.put("us-west-2", new AwsFailure(FailureKind.NO_CREDENTIALS, "eks:ListClusters", null,
                "eks:ListClusters could not run: Not signed in to AWS SSO.", null, NOT_SIGNED_IN));
        window = TestConsole.window(TestConsole.ports(aws, new FakeClusterPort(), store, Runnable::run, false, null,
                Path.of("/home/admin/.config/hybridpane"))).window();
        window.show(stage);
    }

    @Test
    void notSignedInShowsTheCauseAndTheFixInsteadOfAnEmptyState(FxRobot robot) throws Exception {
        FxWait.until(5, () -> window.readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("us-west-2"), window.viewModel().selectedRegions(), "the profile's region");
        Message message = robot.lookup("#problem-message").queryAs(Message.class);
        assertTrue(message.isVisible());
        assertEquals("Not signed in to AWS SSO", message.getTitle());
        assertTrue(message.getDescription().contains("aws sso login --profile default"), message.getDescription());
        assertTrue(message.getStyleClass().contains(Styles.DANGER));
        assertTrue(robot.lookup("#problem-sign-in").queryButton().isVisible(), "the window offers signing in itself");
        Label placeholder = robot.lookup("#clusters-placeholder").queryAs(Label.class);
        assertEquals("No clusters could be listed: see the message above.", placeholder.getText());
        Hyperlink regionErrors = robot.lookup("#region-errors").queryAs(Hyperlink.class);
        assertEquals("region errors: us-west-2", regionErrors.getText());
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        shots(robot, dir, "credential-banner-clusters");

        robot.interact(() -> window.viewModel().navigate(NavTarget.OVERVIEW));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("No clusters yet").tryQuery().filter(UiProblemBannerTest::shown).isEmpty(),
                "no 'No clusters yet' when the credentials failed");
        robot.clickOn(regionErrors);
        FxWait.until(5, () -> robot.lookup("#region-errors-list").tryQuery().isPresent());
        List<String> texts = robot.lookup("#region-errors-list").queryAs(Node.class).lookupAll(".label").stream()
                .map(l -> ((Label) l).getText()).toList();
        assertTrue(texts.contains("us-west-2"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Not signed in to AWS SSO: Profile default uses AWS SSO")),
                texts.toString());
        // the popover is a window of its own: its content's picture beside the window's
        WritableImage[] pop = new WritableImage[1];
        robot.interact(() -> pop[0] = robot.lookup("#region-errors-list").queryAs(Node.class).getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(pop[0], null), "png",
                new File(dir.resolve("credential-region-errors-popover.png").toString()));
        shots(robot, dir, "credential-banner-overview-regions");
        robot.interact(() -> stage.close());
    }

    /** "Sign in…" opens the sign-in card over the window for the profile the problem names; Close takes it away. */
    @Test
    void signInOpensTheSignInCardForTheProfile(FxRobot robot) throws Exception {
        FxWait.until(5, () -> window.readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#sso-sign-in").tryQuery().isEmpty(), "no card before the click");
        robot.clickOn("#problem-sign-in");
        FxWait.until(5, () -> robot.lookup("#sso-sign-in").tryQuery().filter(UiProblemBannerTest::shown).isPresent());
        Label title = robot.lookup("#sso-sign-in .title-3").queryAs(Label.class);
        assertEquals("Sign in to AWS SSO: profile default", title.getText());
        // the device flow runs off the FX thread and ends (here: no such sso-session on this machine) with Close offered
        FxWait.until(15, () -> robot.lookup("#sso-sign-in .button").queryAll().stream()
                .anyMatch(b -> shown(b) && "Close".equals(((Button) b).getText())));
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        shots(robot, dir, "credential-sign-in-card");
        robot.clickOn("Close");
        FxWait.until(5, () -> robot.lookup("#sso-sign-in").tryQuery().filter(UiProblemBannerTest::shown).isEmpty());
        robot.interact(() -> stage.close());
    }

    /** The banner alone, with a sign-in action given: the button signs in the profile the problem names. */
    @Test
    void signInCallsTheActionWithTheProfileToSignIn(FxRobot robot) {
        FleetViewModel fleet = new FleetViewModel();
        List<String> signedIn = new ArrayList<>();
        int[] retries = new int[1];
        CredentialProblem source = new CredentialProblem(Kind.SOURCE_FAILED, "deploy", "default", null,
                "Profile deploy assumes a role with the credentials of profile default, which failed",
                "Not signed in to AWS SSO: Profile default uses AWS SSO (sso-session corp).",
                NOT_SIGNED_IN.fix(), "default");
        ProblemBanner[] banner = new ProblemBanner[1];
        robot.interact(() -> {
            banner[0] = new ProblemBanner(fleet.problems(), signedIn::add, () -> retries[0]++);
            Stage s = new Stage();
            s.setScene(new Scene(banner[0], 700, 200));
            s.show();
        });
        assertFalse(banner[0].isVisible(), "nothing to say yet");
        robot.interact(() -> fleet.apply(List.of(new FleetUpdate.RegionFailed("us-west-2", "x", source))));
        assertTrue(banner[0].isVisible());
        Button signIn = robot.from(banner[0]).lookup("#problem-sign-in").queryButton();
        assertTrue(signIn.isVisible());
        robot.clickOn(signIn);
        robot.clickOn(robot.from(banner[0]).lookup("#problem-retry").queryButton());
        assertEquals(List.of("default"), signedIn, "the source profile is the one to sign in");
        assertEquals(1, retries[0]);
        robot.interact(() -> banner[0].getScene().getWindow().hide());
    }

    /** Visible with every parent. */
    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private void shots(FxRobot robot, Path dir, String name) throws Exception {
        for (ThemeChoice theme : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = stage.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                    new File(dir.resolve(name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png").toString()));
        }
        robot.interact(() -> window.viewModel().settingsViewModel().themeProperty().set(ThemeChoice.LIGHT));
    }
}
