package dev.hybridpane.ui.shell;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.ui.fleet.FleetProblems;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main area's banner: why the fleet could not be listed (the profile's credentials, a failed discovery, regions
 * that failed) with the fix, and what to do: sign in to AWS SSO, try again, or see every region's reason. Hidden while
 * there is nothing to say.
 */
final class ProblemBanner extends VBox {
    private final FleetProblems problems;
    private final CredentialActions actions;
    private final Runnable retry;
    private Message message;
    private final Button signIn = new Button("Sign in…");
    private final Button regions = new Button("Show regions");
    private final Button mfa = new Button("Enter MFA code…", new FontIcon(Feather.SHIELD));
    private final Button again = new Button("Try again", new FontIcon(Feather.REFRESH_CW));
    private String signInProfile;

    ProblemBanner(FleetProblems problems, CredentialActions actions, Runnable retry) {
        this.problems = problems;
        this.actions = actions;
        this.retry = retry;
        setId("problem-banner");
        getStyleClass().add("problem-banner");
        setSpacing(8);
        setPadding(new Insets(14, 20, 0, 20));
        signIn.setId("problem-sign-in");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setOnAction(e -> {
            if (signInProfile != null) {
                actions.signIn(signInProfile);
            }
        });
        again.setId("problem-retry");
        again.setOnAction(e -> this.retry.run());
        // an MFA profile is opened again, which asks for the code again
        mfa.setId("problem-mfa");
        mfa.getStyleClass().add(Styles.ACCENT);
        mfa.setOnAction(e -> this.retry.run());
        regions.setId("problem-regions");
        regions.getStyleClass().add(Styles.FLAT);
        regions.setOnAction(e -> RegionErrorsPopover.show(regions, problems));
        HBox buttons = new HBox(8, signIn, mfa, again, regions);
        getChildren().add(buttons);
        InvalidationListener update = o -> update();
        problems.regions().addListener(update);
        problems.credentialsProperty().addListener(update);
        problems.environmentErrorProperty().addListener(update);
        update();
    }

    private void update() {
        ProblemNotice n = ProblemNotice.of(problems);
        setVisible(n != null);
        setManaged(n != null);
        if (n == null) {
            return;
        }
        // a new Message each time: AtlantaFX's Message lays out only the parts it had when its skin was made
        Message m = new Message(n.title(), n.description(),
                new FontIcon(n.danger() ? Feather.ALERT_OCTAGON : Feather.ALERT_TRIANGLE)) {
            @Override
            public Orientation getContentBias() {
                return Orientation.HORIZONTAL; // its text wraps: its height follows its width
            }
        };
        m.setId("problem-message");
        m.getStyleClass().add(n.danger() ? Styles.DANGER : Styles.WARNING);
        m.setMinHeight(Region.USE_PREF_SIZE);
        if (message != null) {
            getChildren().remove(message);
        }
        message = m;
        getChildren().add(0, m);
        signInProfile = n.signInProfile();
        boolean offer = signInProfile != null && actions.offersSignIn();
        signIn.setVisible(offer);
        signIn.setManaged(offer);
        CredentialProblem credentials = problems.credentialsProperty().get();
        boolean code = credentials != null && credentials.kind() == CredentialProblem.Kind.MFA_REQUIRED;
        mfa.setVisible(code);
        mfa.setManaged(code);
        again.setVisible(!code);
        again.setManaged(!code);
        regions.setText(n.regions() == 1 ? "Show the region" : "Show all " + n.regions() + " regions");
        regions.setVisible(n.regions() > 0);
        regions.setManaged(n.regions() > 0);
    }
}
