package dev.hybridpane.ui.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.app.ConsoleUi;
import dev.hybridpane.core.AwsFailure;
import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.AwsProfiles;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.core.CredentialProblem.Kind;
import dev.hybridpane.core.MfaCodePrompt;
import dev.hybridpane.core.Settings;
import dev.hybridpane.domain.ConnectionState.FailureKind;
import dev.hybridpane.ui.FakeAws;
import dev.hybridpane.ui.FakeClusterPort;
import dev.hybridpane.ui.FxWait;
import dev.hybridpane.ui.MemorySettingsStore;
import dev.hybridpane.ui.TestConsole;
import dev.hybridpane.ui.settings.ThemeChoice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's MFA card, with an AWS profile whose opening asks the window's prompt for a code (as SdkAwsProfiles does
 * for a profile with mfa_serial, on the I/O thread that opens it): the card shows over the window, anything but six
 * digits is the field's error, Cancel leaves the I/O thread without a code and the banner offers "Enter MFA code…",
 * which opens the profile again and shows the card again; six digits reach the waiting I/O thread. Asked on the FX
 * thread it answers at once, without a card. Screenshots mfa-prompt-{light,dark}.
 */
@ExtendWith(ApplicationExtension.class)
class UiMfaPromptTest {
    static final String SERIAL = "arn:aws:iam::111122223333:mfa/admin";
    static final CredentialProblem MFA = new CredentialProblem(Kind.MFA_REQUIRED, "default", null, null,
            "Profile default needs an MFA code", "To assume arn:aws:iam::444455556666:role/Admin, AWS asks for a code"
            + " from the MFA device " + SERIAL + ". No code was given.",
            "Enter the code from your MFA device when HybridPane asks for it, then refresh.", null);

    private final FakeAws aws = new FakeAws();
    /** The window's prompt, once the window is built (its discovery may open the profile before). */
    private final CompletableFuture<MfaCodePrompt> prompt = new CompletableFuture<>();
    /** What each opening of the profile got from the prompt, and on which thread. */
    private final List<Optional<String>> codes = new CopyOnWriteArrayList<>();
    private final List<String> askedOn = new CopyOnWriteArrayList<>();
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-io");
        t.setDaemon(true);
        return t;
    });
    private ConsoleUi.Console console;
    private Stage stage;

    /** Opens FakeAws's profile after asking the window's prompt; without a code, the region fails with MFA_REQUIRED. */
    private final class MfaProfiles implements AwsProfiles {
        @Override
        public List<String> profiles() {
            return aws.profiles();
        }

        @Override
        public List<String> availableRegions() {
            return aws.availableRegions();
        }

        @Override
        public Map<String, String> defaultRegions() {
            return aws.defaultRegions();
        }

        @Override
        public AwsPort open(String profile) {
            askedOn.add(Thread.currentThread().getName());
            Optional<String> code;
            try {
                code = prompt.get(10, TimeUnit.SECONDS).code(profile, SERIAL);
            } catch (Exception e) {
                throw new IllegalStateException("no window", e);
            }
            codes.add(code);
            if (code.isEmpty()) {
                aws.listFailures.put("us-west-2", new AwsFailure(FailureKind.NO_CREDENTIALS, "eks:ListClusters", null,
                        "eks:ListClusters could not run: Profile default needs an MFA code.", null, MFA));
            } else {
                aws.listFailures.clear();
            }
            return aws.open(profile);
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        aws.clustersByProfile.put("default", List.of());
        aws.defaultRegions.put("default", "us-west-2");
        MemorySettingsStore store = new MemorySettingsStore(Settings.DEFAULTS.withTheme("LIGHT").withLastView("overview"));
        console = TestConsole.window(TestConsole.ports(new MfaProfiles(), new FakeClusterPort(), store, io, false, null,
                Path.of("/home/admin/.config/hybridpane")));
        prompt.complete(console.mfa());
        console.window().show(stage);
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void theCardAsksForSixDigitsAndHandsThemToTheWaitingThread(FxRobot robot) throws Exception {
        // the window's discovery opens the profile on an I/O thread, which asks: the card shows over the window
        FxWait.until(10, () -> shown(robot, "#mfa-prompt"));
        assertEquals(0, codes.size(), "the I/O thread waits for the user");
        assertTrue(askedOn.get(0).startsWith("test-io"), askedOn.toString());
        assertEquals("MFA code for profile default", robot.lookup("#mfa-prompt .title-3").queryAs(Label.class).getText());
        assertEquals(SERIAL, robot.lookup("#mfa-serial").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#mfa-code").queryAs(TextField.class).isFocused(), "the caret is in the code field");

        // anything but six digits stays in the card, with the error under the field
        robot.clickOn("#mfa-code").write("12ab5");
        robot.clickOn("#mfa-continue");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#mfa-code-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("The code is 6 digits"), error.getText());
        assertTrue(robot.lookup("#mfa-code").queryAs(TextField.class).getPseudoClassStates()
                .contains(Styles.STATE_DANGER));
        assertEquals(0, codes.size(), "nothing was handed over");
        Path dir = Path.of(System.getProperty("hybridpane.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        shots(robot, dir, "mfa-prompt");

        // Cancel: the I/O thread goes on without a code; the banner says MFA is needed and offers to enter it
        robot.clickOn("#mfa-cancel");
        FxWait.until(5, () -> codes.size() == 1 && !shown(robot, "#mfa-prompt"));
        assertEquals(Optional.empty(), codes.get(0));
        FxWait.until(5, () -> shown(robot, "#problem-mfa"));
        Message message = robot.lookup("#problem-message").queryAs(Message.class);
        assertEquals("Profile default needs an MFA code", message.getTitle());
        assertFalse(robot.lookup("#problem-retry").queryButton().isVisible(), "one way to try again: Enter MFA code…");
        shots(robot, dir, "mfa-banner");

        // Enter MFA code… opens the profile again, which asks again: six digits (spaces aside) reach the I/O thread
        robot.clickOn("#problem-mfa");
        FxWait.until(10, () -> shown(robot, "#mfa-prompt"));
        assertEquals("", robot.lookup("#mfa-code").queryAs(TextField.class).getText(), "no code is kept");
        assertFalse(robot.lookup("#mfa-code-error").queryAs(Label.class).isVisible());
        robot.clickOn("#mfa-code").write("123 456");
        robot.clickOn("#mfa-continue");
        FxWait.until(5, () -> codes.size() == 2 && !shown(robot, "#mfa-prompt"));
        assertEquals(Optional.of("123456"), codes.get(1));
        // the card is gone, and its field was emptied
        assertEquals("", ((MfaPromptViewModel) console.mfa()).codeProperty().get(), "the field is cleared");
        FxWait.until(5, () -> !shown(robot, "#problem-banner"));
        robot.interact(() -> stage.close());
    }

    @Test
    void onTheFxThreadItAnswersAtOnceWithoutACard(FxRobot robot) throws Exception {
        FxWait.until(10, () -> shown(robot, "#mfa-prompt"));
        robot.clickOn("#mfa-cancel");
        FxWait.until(5, () -> codes.size() == 1);
        CompletableFuture<Optional<String>> onFx = new CompletableFuture<>();
        robot.interact(() -> onFx.complete(console.mfa().code("other", SERIAL)));
        assertEquals(Optional.empty(), onFx.get(1, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot, "#mfa-prompt"), "no card for a question nobody waits for");
        robot.interact(() -> stage.close());
    }

    private static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(UiMfaPromptTest::shown).isPresent();
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
            robot.interact(() -> console.window().viewModel().settingsViewModel().themeProperty().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage[] img = new WritableImage[1];
            robot.interact(() -> img[0] = stage.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png",
                    new File(dir.resolve(name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png").toString()));
        }
        robot.interact(() -> console.window().viewModel().settingsViewModel().themeProperty().set(ThemeChoice.LIGHT));
    }
}
