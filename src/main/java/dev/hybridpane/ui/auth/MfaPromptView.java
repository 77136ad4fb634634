package dev.hybridpane.ui.auth;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
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
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The MFA card, for the window's AtlantaFX ModalPane: which profile asks, the device's serial number (selectable), the
 * 6-digit code field with its error under it, and Continue / Cancel (Enter continues, Escape cancels).
 */
public final class MfaPromptView extends StackPane {
    private final TextField code = new TextField();

    public MfaPromptView(MfaPromptViewModel vm) {
        Label title = new Label();
        title.textProperty().bind(Bindings.concat("MFA code for profile ", vm.profileProperty()));
        title.getStyleClass().add(Styles.TITLE_3);
        title.setGraphic(new FontIcon(Feather.SHIELD));

        Label why = new Label();
        why.textProperty().bind(Bindings.concat("Profile ", vm.profileProperty(), " assumes a role that requires MFA."
                + " Enter the code your MFA device shows now. It is used once and never stored."));
        why.getStyleClass().add(Styles.TEXT_MUTED);
        why.setWrapText(true);
        why.setMaxWidth(480);
        why.setMinHeight(Region.USE_PREF_SIZE);

        Label deviceLabel = new Label("Device");
        deviceLabel.getStyleClass().add(Styles.TEXT_BOLD);
        TextField device = new TextField();
        device.setId("mfa-serial");
        device.setEditable(false);
        device.setFocusTraversable(false);
        device.textProperty().bind(vm.serialProperty());
        device.getStyleClass().add("mono");
        device.setPrefColumnCount(34);

        Label codeLabel = new Label("Code");
        codeLabel.getStyleClass().add(Styles.TEXT_BOLD);
        codeLabel.setLabelFor(code);
        code.setId("mfa-code");
        code.setPromptText("123456");
        code.setPrefColumnCount(8);
        code.setMaxWidth(Region.USE_PREF_SIZE);
        code.getStyleClass().addAll(Styles.LARGE, "mono");
        code.textProperty().bindBidirectional(vm.codeProperty());
        code.setOnAction(e -> vm.submit());
        Label error = new Label();
        error.setId("mfa-code-error");
        error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        vm.errorProperty().addListener((o, was, now) -> code.pseudoClassStateChanged(Styles.STATE_DANGER,
                !now.isEmpty()));

        Button cancel = new Button("Cancel");
        cancel.setId("mfa-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.cancel());
        Button proceed = new Button("Continue");
        proceed.setId("mfa-continue");
        proceed.getStyleClass().add(Styles.ACCENT);
        proceed.setDefaultButton(true);
        proceed.setOnAction(e -> vm.submit());
        HBox buttons = new HBox(8, new Spacer(), cancel, proceed);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(14, title, why, new VBox(4, deviceLabel, device), new VBox(4, codeLabel, code, error),
                buttons);
        card.getStyleClass().add("profiles-modal");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        card.setId("mfa-prompt");
        getChildren().add(card);
        setPadding(new Insets(24));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    /** Puts the caret in the code field (when the card shows). */
    public void focusCode() {
        code.requestFocus();
    }
}
