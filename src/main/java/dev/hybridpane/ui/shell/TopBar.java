package dev.hybridpane.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.EnvironmentInfo;
import dev.hybridpane.ui.common.Widgets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Brand, environment, search, the account picker (for an AWS SSO profile), profile switcher (when there is a profile to
 * switch to) and region chooser.
 */
final class TopBar extends HBox {

    TopBar(ShellViewModel vm, Runnable openPalette) {
        super(10);
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label brand = new Label("HybridPane", Widgets.icon(Feather.LAYERS, "brand-icon"));
        brand.getStyleClass().add("brand");
        getChildren().add(brand);

        EnvironmentInfo environment = vm.environment();
        if (environment.badge() != null) {
            Label badge = Widgets.pill(environment.badge(), Styles.WARNING);
            badge.setId("env-badge");
            badge.getStyleClass().add("env-badge");
            if (environment.summary() != null) {
                Widgets.lazyTooltip(badge, environment.summary());
            }
            Label note = new Label(environment.headline());
            note.getStyleClass().add("env-text");
            getChildren().addAll(badge, note);
        } else {
            Label env = new Label();
            env.setId("env-text");
            env.getStyleClass().add("env-text");
            env.textProperty().bind(Bindings.createStringBinding(() -> "Profile " + vm.profileProperty().get()
                    + (vm.accountProperty().get().isEmpty() ? " · account …" : " · account " + vm.accountProperty().get()),
                    vm.profileProperty(), vm.accountProperty()));
            getChildren().add(env);
        }

        Button search = new Button("Search clusters and views", Widgets.icon(Feather.SEARCH, null));
        search.setId("palette-button");
        search.getStyleClass().add("search-button");
        Label shortcut = new Label("Ctrl+K");
        shortcut.getStyleClass().add("kbd");
        search.setContentDisplay(ContentDisplay.LEFT);
        HBox searchBox = new HBox(search);
        search.setGraphicTextGap(8);
        search.setOnAction(e -> openPalette.run());
        search.setText("Search clusters and views");
        HBox searchWithKey = new HBox(-1, searchBox, shortcut);
        searchWithKey.setAlignment(Pos.CENTER_LEFT);
        searchWithKey.getStyleClass().add("search-group");

        MenuButton regions = new MenuButton();
        regions.setId("region-chooser");
        regions.setGraphic(Widgets.icon(Feather.GLOBE, null));
        // check boxes that keep the menu open: tick several regions, then close the menu to rediscover once
        List<CheckBox> boxes = new ArrayList<>();
        for (String r : vm.availableRegions()) {
            CheckBox box = new CheckBox(r);
            box.setId("region-" + r);
            box.setSelected(vm.selectedRegions().contains(r));
            boxes.add(box);
            regions.getItems().add(new CustomMenuItem(box, false));
        }
        regions.textProperty().bind(Bindings.createStringBinding(() -> {
            List<String> sel = vm.selectedRegions();
            return sel.size() <= 2 ? String.join(", ", sel) : sel.size() + " regions";
        }, vm.selectedRegions()));
        regions.setOnHidden(e -> {
            List<String> chosen = boxes.stream().filter(CheckBox::isSelected)
                    .map(CheckBox::getText).toList();
            if (chosen.isEmpty()) {
                boxes.forEach(b -> b.setSelected(vm.selectedRegions().contains(b.getText())));
                return;
            }
            if (!new HashSet<>(chosen).equals(new HashSet<>(vm.selectedRegions()))) {
                vm.setRegions(chosen);
            }
        });
        Widgets.lazyTooltip(regions, "Regions to discover clusters in");
        // the accounts and roles of an AWS SSO profile, when the profile shown signs in through AWS SSO
        Button accounts = new Button("Accounts…", Widgets.icon(Feather.USERS, null));
        accounts.setId("accounts-button");
        accounts.visibleProperty().bind(vm.credentialActions().accountsOffered());
        accounts.managedProperty().bind(accounts.visibleProperty());
        accounts.setOnAction(e -> vm.credentialActions().pickAccounts());
        Widgets.lazyTooltip(accounts, "Pick the AWS accounts and roles whose clusters the fleet shows");
        getChildren().addAll(new Spacer(), searchWithKey, accounts, regions);
        // a switcher with one profile (the lab's, or a machine with one) switches nothing: it comes with a second
        Runnable addSwitcher = () -> getChildren().add(getChildren().indexOf(regions), profileSwitcher(vm));
        if (vm.profiles().size() > 1) {
            addSwitcher.run();
        } else {
            vm.profiles().addListener(new ListChangeListener<String>() {
                @Override
                public void onChanged(Change<? extends String> c) {
                    if (vm.profiles().size() > 1) {
                        vm.profiles().removeListener(this);
                        addSwitcher.run();
                    }
                }
            });
        }
    }

    private static ComboBox<String> profileSwitcher(ShellViewModel vm) {
        ComboBox<String> profile = new ComboBox<>(vm.profiles());
        profile.setId("profile-switcher");
        profile.setValue(vm.profileProperty().get());
        Widgets.lazyTooltip(profile, "AWS profile");
        profile.valueProperty().addListener((o, a, b) -> vm.switchProfile(b));
        vm.profileProperty().addListener((o, a, b) -> profile.setValue(b));
        return profile;
    }
}
