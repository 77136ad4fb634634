package dev.hybridpane.ui.auth;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.auth.AccountPickerViewModel.State;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.shell.CredentialActions;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;

/**
 * The account picker's card, for the window's AtlantaFX ModalPane: the profile, a filter, every account with a check box
 * per role (the profile's own pair ticked and fixed), and Save / Cancel. While the list is read, a progress indicator;
 * on a failure, a Message with the cause, Sign in… when signing in to AWS SSO is the fix, and Try again; with no
 * account at all, an empty state.
 */
public final class AccountPickerView extends StackPane {
    private final AccountPickerViewModel vm;
    private final VBox list = new VBox(10);
    private final StackPane body = new StackPane();
    private final CredentialActions credentials;

    /** @param onClose hides the card (the ModalPane) */
    public AccountPickerView(AccountPickerViewModel vm, CredentialActions credentials, Runnable onClose) {
        this.vm = vm;
        this.credentials = credentials;
        Label title = new Label();
        title.textProperty().bind(Bindings.concat("AWS accounts: profile ", vm.profileProperty()));
        title.getStyleClass().add(Styles.TITLE_3);
        Label intro = Widgets.muted("Tick the account and role pairs whose clusters the fleet shows, beside the profile's"
                + " own. Each is read with its role's short-term credentials from your AWS SSO sign-in.");
        intro.setMaxWidth(560);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        TextField filter = TextFields.createClearableTextField();
        filter.setId("account-filter");
        filter.setPromptText("Filter by account name, id or role");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.LOADED));

        list.setId("account-list");
        list.setPadding(new Insets(2, 12, 2, 2));
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(300);
        scroll.setPrefViewportWidth(540);
        scroll.getStyleClass().add(Styles.BORDERED);
        body.getChildren().add(scroll);
        body.setMinHeight(200);
        VBox.setVgrow(body, Priority.ALWAYS);

        Label count = new Label();
        count.setId("account-picked-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.pickedCountProperty().get();
            return n == 0 ? "Only the profile's own account" : n == 1 ? "1 more pair picked" : n + " more pairs picked";
        }, vm.pickedCountProperty()));
        count.visibleProperty().bind(vm.stateProperty().isEqualTo(State.LOADED));
        Button cancel = new Button("Cancel");
        cancel.setId("account-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> {
            vm.cancel();
            onClose.run();
        });
        Button save = new Button("Save");
        save.setId("account-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.LOADED));
        save.setOnAction(e -> {
            vm.save();
            onClose.run();
        });
        HBox buttons = new HBox(8, count, new Spacer(), cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(14, title, intro, filter, body, buttons);
        card.getStyleClass().add("profiles-modal");
        card.setId("account-picker");
        card.setPrefWidth(600);
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        getChildren().add(card);
        setPadding(new Insets(24));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        vm.groups().addListener((ListChangeListener<AccountPickerGroup>) c -> rebuild());
        vm.stateProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        body.getChildren().retainAll(body.getChildren().get(0));
        Node scroll = body.getChildren().get(0);
        list.getChildren().clear();
        State s = vm.stateProperty().get();
        scroll.setVisible(s == State.LOADED && !vm.groups().isEmpty());
        switch (s) {
            case LOADING -> body.getChildren().add(progress());
            case FAILED -> body.getChildren().add(failure());
            case LOADED -> {
                if (vm.empty()) {
                    body.getChildren().add(Widgets.emptyState(Feather.USERS, "No AWS accounts",
                            "Your AWS SSO user is assigned no account here. An administrator assigns accounts and"
                                    + " permission sets in IAM Identity Center."));
                } else if (vm.groups().isEmpty()) {
                    body.getChildren().add(Widgets.emptyState(Feather.FILTER, "No account matches",
                            "Clear the filter to see every account and role."));
                }
                vm.groups().forEach(g -> list.getChildren().add(group(g)));
            }
            default -> { }
        }
    }

    private static Node group(AccountPickerGroup g) {
        Label name = new Label(g.accountName());
        name.getStyleClass().addAll(Styles.TEXT_BOLD, "account-name");
        Label id = new Label(g.accountId());
        id.getStyleClass().addAll(Styles.TEXT_MUTED, "mono");
        HBox head = new HBox(8, name, id);
        head.setAlignment(Pos.BASELINE_LEFT);
        if (g.own()) {
            Label own = Widgets.pill("this profile's account", Styles.ACCENT);
            head.getChildren().add(own);
        }
        VBox box = new VBox(6, head);
        box.getStyleClass().add("account-group");
        box.setId("account-" + g.accountId());
        for (AccountPickerRole r : g.roles()) {
            CheckBox role = new CheckBox(r.pair().roleName() + (r.own() ? " (the profile's own role)" : ""));
            role.setId("account-role-" + r.pair().accountId() + "-" + r.pair().roleName());
            role.selectedProperty().bindBidirectional(r.pickedProperty());
            role.setDisable(r.own());
            VBox.setMargin(role, new Insets(0, 0, 0, 14));
            box.getChildren().add(role);
        }
        return box;
    }

    private static Node progress() {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(28, 28);
        Label l = new Label("Reading your AWS accounts and roles…", p);
        l.setId("account-loading");
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setGraphicTextGap(10);
        return l;
    }

    private Node failure() {
        Message m = new Message("The accounts could not be listed", vm.errorProperty().get(),
                Widgets.icon(Feather.ALERT_OCTAGON, null)) {
            @Override
            public Orientation getContentBias() {
                return Orientation.HORIZONTAL; // its text wraps: its height follows its width
            }
        };
        m.setId("account-error");
        m.getStyleClass().add(Styles.DANGER);
        m.setMinHeight(Region.USE_PREF_SIZE);
        m.setMaxWidth(560);
        Button again = new Button("Try again", Widgets.icon(Feather.REFRESH_CW, null));
        again.setId("account-retry");
        again.setOnAction(e -> vm.open());
        HBox actions = new HBox(8);
        String profile = vm.signInProfileProperty().get();
        if (profile != null && credentials.offersSignIn()) {
            Button signIn = new Button("Sign in…");
            signIn.setId("account-sign-in");
            signIn.getStyleClass().add(Styles.ACCENT);
            signIn.setOnAction(e -> credentials.signIn(profile));
            actions.getChildren().add(signIn);
        }
        actions.getChildren().add(again);
        VBox box = new VBox(10, m, actions);
        box.setAlignment(Pos.TOP_LEFT);
        StackPane.setAlignment(box, Pos.TOP_LEFT);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        return box;
    }
}
