package dev.hybridpane.ui.auth;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.auth.SignInViewModel.State;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The AWS SSO sign-in card, for the window's AtlantaFX ModalPane: the profile, the user code in large type, the page
 * that was opened (selectable, and Open again), what is happening, and Cancel while waiting (Close once it ended).
 */
public final class SignInView extends StackPane {

    /** @param onClose hides the card (the ModalPane) */
    public SignInView(SignInViewModel vm, Runnable onClose) {
        Label title = new Label();
        title.textProperty().bind(Bindings.concat("Sign in to AWS SSO: profile ", vm.profileProperty()));
        title.getStyleClass().add(Styles.TITLE_3);

        Label code = new Label();
        code.textProperty().bind(vm.userCodeProperty());
        code.getStyleClass().addAll(Styles.TITLE_1, "mono");
        code.visibleProperty().bind(vm.userCodeProperty().isNotEmpty());
        code.managedProperty().bind(code.visibleProperty());

        TextField url = new TextField();
        url.setEditable(false);
        url.textProperty().bind(vm.urlProperty());
        url.getStyleClass().add("mono");
        url.setPrefColumnCount(40);
        url.visibleProperty().bind(vm.urlProperty().isNotEmpty());
        url.managedProperty().bind(url.visibleProperty());

        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setMinHeight(Region.USE_PREF_SIZE);
        vm.stateProperty().addListener((o, was, now) -> style(message, now));
        style(message, vm.stateProperty().get());

        Button again = new Button("Open the page again");
        again.setOnAction(e -> vm.openAgain());
        again.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.WAITING));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        Button close = new Button("Close");
        close.getStyleClass().add(Styles.ACCENT);
        close.setOnAction(e -> onClose.run());
        var waiting = vm.stateProperty().isEqualTo(State.WAITING).or(vm.stateProperty().isEqualTo(State.STARTING));
        cancel.visibleProperty().bind(waiting);
        cancel.managedProperty().bind(waiting);
        close.visibleProperty().bind(waiting.not());
        close.managedProperty().bind(waiting.not());

        HBox buttons = new HBox(8, again, new Spacer(), cancel, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(14, title, message, code, url, buttons);
        card.getStyleClass().add("profiles-modal");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        card.setId("sso-sign-in");
        getChildren().add(card);
        setPadding(new Insets(24));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    private static void style(Label message, State state) {
        message.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.SUCCESS, Styles.DANGER);
        message.getStyleClass().add(switch (state) {
            case SIGNED_IN -> Styles.SUCCESS;
            case FAILED -> Styles.DANGER;
            default -> Styles.TEXT_MUTED;
        });
    }
}
