package dev.hybridpane.ui.pools.day2;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.hybrid.CredentialProvider;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.PoolDay2ViewModel.BannerKind;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The pool detail's day-2 strip: the lock / unfinished-operation banner (an AtlantaFX Message: Take over… on a stale
 * lock, Resume on an unfinished operation) and the actions (Edit hosts…, Upgrade… when a newer version exists, Rotate
 * certificates… for Roles Anywhere pools, SSM hygiene… for SSM pools), all off while the lock is held.
 */
public final class Day2Bar extends VBox {
    public Day2Bar(PoolDay2ViewModel vm, Day2Dialogs dialogs) {
        super(8);
        setId("day2-bar");
        Button takeOver = Day2Parts.button("Take over…", "day2-takeover", Styles.DANGER);
        takeOver.setOnAction(e -> dialogs.confirmTakeOver());
        Button resume = Day2Parts.button("Resume", "day2-resume", Styles.ACCENT);
        resume.setGraphic(Widgets.icon(Feather.PLAY, null));
        resume.setOnAction(e -> vm.resume());
        VBox bannerActions = new VBox(8, takeOver, resume);
        bannerActions.setAlignment(Pos.CENTER);
        HBox bannerRow = new HBox(10);
        bannerRow.setAlignment(Pos.CENTER_LEFT);
        Runnable kind = () -> {
            BannerKind k = vm.bannerKindProperty().get();
            // a new Message each time: its skin lays out the title it was made with
            Message banner = new Message(vm.bannerTitleProperty().get(), vm.bannerTextProperty().get(),
                    Widgets.icon(k == BannerKind.INFO ? Feather.INFO : Feather.LOCK, null)) {
                @Override
                public Orientation getContentBias() {
                    return Orientation.HORIZONTAL;
                }
            };
            banner.setId("day2-banner");
            banner.setMinHeight(Region.USE_PREF_SIZE);
            banner.getStyleClass().add(switch (k) {
                case DANGER -> Styles.DANGER;
                case WARNING -> Styles.WARNING;
                default -> Styles.ACCENT;
            });
            HBox.setHgrow(banner, Priority.ALWAYS);
            banner.setMaxWidth(Double.MAX_VALUE);
            bannerRow.getChildren().setAll(banner, bannerActions);
            bannerRow.setVisible(k != BannerKind.NONE);
            bannerRow.setManaged(k != BannerKind.NONE);
            boolean stale = vm.lockProperty().get() instanceof PoolDay2Port.LockState.Stale;
            takeOver.setVisible(stale);
            takeOver.setManaged(stale);
            boolean canResume = vm.unfinishedProperty().get() != null
                    && vm.lockProperty().get() instanceof PoolDay2Port.LockState.Free;
            resume.setVisible(canResume);
            resume.setManaged(canResume);
        };
        vm.bannerKindProperty().addListener((o, a, b) -> kind.run());
        vm.bannerTitleProperty().addListener((o, a, b) -> kind.run());
        vm.bannerTextProperty().addListener((o, a, b) -> kind.run());
        vm.lockProperty().addListener((o, a, b) -> kind.run());
        vm.unfinishedProperty().addListener((o, a, b) -> kind.run());
        resume.disableProperty().bind(vm.runningProperty().or(vm.loadingProperty()));
        kind.run();

        Button hosts = action("Edit hosts…", "day2-edit-hosts", Feather.EDIT, null);
        hosts.setOnAction(e -> vm.editHosts());
        Button upgrade = action("Upgrade…", "day2-upgrade", Feather.ARROW_UP_CIRCLE, Styles.ACCENT);
        upgrade.setOnAction(e -> vm.upgrade());
        upgrade.visibleProperty().bind(Bindings.createBooleanBinding(vm::upgradeAvailable, vm.shownProperty()));
        Button rotate = action("Rotate certificates…", "day2-rotate", Feather.KEY, null);
        rotate.setOnAction(e -> vm.rotateCertificates());
        rotate.visibleProperty().bind(vm.providerProperty().isEqualTo(CredentialProvider.IAM_RA));
        Button ssm = action("SSM hygiene…", "day2-ssm", Feather.TRASH_2, null);
        ssm.setOnAction(e -> vm.ssmHygiene());
        ssm.visibleProperty().bind(vm.providerProperty().isEqualTo(CredentialProvider.SSM));
        Button refresh = action("", "day2-refresh", Feather.REFRESH_CW, Styles.FLAT);
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.loadingProperty());
        Widgets.lazyTooltip(refresh, "Read the pool's lock and operations again");
        for (Button b : new Button[] {hosts, upgrade, rotate, ssm}) {
            b.disableProperty().bind(vm.actionsDisabledProperty());
            b.managedProperty().bind(b.visibleProperty());
        }
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(16, 16);
        loading.visibleProperty().bind(vm.loadingProperty());
        HBox actions = new HBox(8, hosts, upgrade, rotate, ssm, refresh, loading);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setId("day2-actions");
        getChildren().addAll(bannerRow, actions);
    }

    private static Button action(String text, String id, Feather icon, String style) {
        Button b = Day2Parts.button(text, id, style);
        b.setGraphic(Widgets.icon(icon, null));
        return b;
    }
}
