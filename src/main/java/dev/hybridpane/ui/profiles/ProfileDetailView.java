package dev.hybridpane.ui.profiles;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.ui.common.Widgets;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The selected profile: its name and cluster, a version chooser and the version actions, then three tabs: the chosen
 * version's layers, the history, and the side-by-side comparison of any two versions.
 */
final class ProfileDetailView extends StackPane {
    private final ProfileDetailViewModel detail;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label update = Widgets.pill("", Styles.WARNING);
    private final GridPane os = grid("profiles-os");
    private final GridPane kubernetes = grid("profiles-kubernetes");
    private final GridPane network = grid("profiles-network");
    private final GridPane history = grid("profiles-history");
    private final GridPane diff = grid("profiles-diff");
    private final Label diffSummary = new Label();
    private final TabPane tabs = new TabPane();

    ProfileDetailView(ProfilesViewModel vm, Runnable export, Runnable delete) {
        this.detail = vm.detail();
        getStyleClass().add("profiles-detail");
        setId("profiles-detail");
        title.getStyleClass().add("profiles-detail-title");
        title.setId("profiles-detail-title");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        update.setId("profiles-detail-update");
        update.managedProperty().bind(update.visibleProperty());

        ComboBox<Integer> version = versionBox("profiles-version", detail.versionProperty());
        Label versionLabel = Widgets.muted("Version");
        versionLabel.setMinWidth(Region.USE_PREF_SIZE);
        Button newVersion = button("profiles-new-version", "New version", Feather.GIT_COMMIT);
        newVersion.setOnAction(e -> vm.newVersion());
        Button exportButton = button("profiles-export", "Export YAML", Feather.DOWNLOAD);
        exportButton.setOnAction(e -> export.run());
        Button deleteButton = button("profiles-delete-version", "Delete version", Feather.TRASH_2);
        deleteButton.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        deleteButton.setOnAction(e -> delete.run());
        // icon buttons (name in the tooltip), so that the detail fits beside the table in a laptop's window
        for (Button b : List.of(exportButton, deleteButton)) {
            b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            b.getStyleClass().add(Styles.BUTTON_ICON);
        }
        exportButton.setTooltip(new Tooltip("Export YAML: every version, as profile apply -f takes it"));
        // a version the store would refuse is refused here first, with the reason as the button's tooltip; a disabled
        // button gets no mouse events, so the tooltip sits on a wrapper that does
        deleteButton.disableProperty().bind(detail.deleteRefusalProperty().isNotNull());
        Label deleteWhy = new Label(null, deleteButton);
        deleteWhy.setId("profiles-delete-why");
        detail.deleteRefusalProperty().addListener((o, a, b) -> Widgets.updateTooltip(deleteWhy, deleteTip()));
        Widgets.lazyTooltip(deleteWhy, this::deleteTip);

        HBox head = new HBox(10, title, update);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, versionLabel, version, new Spacer(), newVersion, exportButton, deleteWhy);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, head, subtitle, actions);
        top.getStyleClass().add("profiles-detail-head");

        VBox layers = new VBox(14, section("OS layer", os), section("Kubernetes layer", kubernetes),
                section("Network layer", network));
        VBox historyBox = new VBox(10, Widgets.muted("Versions are immutable; a pool names its profile and version. "
                + "A version a pool uses cannot be deleted."), history);
        tabs.getTabs().addAll(tab("Layers", layers), tab("History", historyBox), tab("Compare versions", compare()));
        tabs.setId("profiles-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        BorderPane content = new BorderPane(tabs);
        content.setTop(top);
        Node empty = Widgets.emptyState(Feather.LAYERS, "No profile selected",
                "Select a profile to see its layers, its history and a comparison of any two versions.");
        getChildren().setAll(empty);
        detail.rowProperty().addListener((o, a, b) -> {
            getChildren().setAll(b == null ? empty : content);
            showHead(b);
        });
        listen(detail.osFields(), () -> ProfileGrids.fields(os, detail.osFields()));
        listen(detail.kubernetesFields(), () -> ProfileGrids.fields(kubernetes, detail.kubernetesFields()));
        listen(detail.networkFields(), () -> ProfileGrids.fields(network, detail.networkFields()));
        listen(detail.history(), () -> ProfileGrids.history(history, detail.history()));
        listen(detail.diff(), this::showDiff);
        detail.diffFromProperty().addListener((o, a, b) -> showDiff());
        detail.diffToProperty().addListener((o, a, b) -> showDiff());
        if (detail.rowProperty().get() != null) {
            getChildren().setAll(content);
        }
        showHead(detail.rowProperty().get());
        ProfileGrids.fields(os, detail.osFields());
        ProfileGrids.fields(kubernetes, detail.kubernetesFields());
        ProfileGrids.fields(network, detail.networkFields());
        ProfileGrids.history(history, detail.history());
        showDiff();
    }

    /** "Delete version N", or why it cannot be deleted. */
    private String deleteTip() {
        String why = detail.deleteRefusalProperty().get();
        return why != null ? why : detail.versionProperty().get() == null ? "Delete version"
                : "Delete version " + detail.versionProperty().get();
    }

    private Node compare() {
        ComboBox<Integer> from = versionBox("profiles-diff-from", detail.diffFromProperty());
        ComboBox<Integer> to = versionBox("profiles-diff-to", detail.diffToProperty());
        Label arrow = new Label(null, Widgets.icon(Feather.ARROW_RIGHT, null));
        HBox pick = new HBox(8, Widgets.muted("From"), from, arrow, Widgets.muted("to"), to);
        pick.setAlignment(Pos.CENTER_LEFT);
        diffSummary.setId("profiles-diff-summary");
        diffSummary.textProperty().bind(detail.diffSummaryProperty());
        diffSummary.setWrapText(true);
        return new VBox(12, pick, diffSummary, diff);
    }

    private void showDiff() {
        ProfileGrids.diff(diff, detail.diff(), detail.diffFromProperty().get(), detail.diffToProperty().get());
        diff.setVisible(!detail.diff().isEmpty());
        diff.setManaged(!detail.diff().isEmpty());
        diffSummary.getStyleClass().remove(Styles.TEXT_MUTED);
        if (detail.diff().isEmpty()) {
            diffSummary.getStyleClass().add(Styles.TEXT_MUTED);
        }
    }

    private void showHead(ProfileRow r) {
        if (r == null) {
            return;
        }
        title.setText(r.name());
        int n = r.profile().versions().size();
        subtitle.setText(r.cluster().name() + " (" + r.cluster().region() + ") · " + n + (n == 1 ? " version" : " versions")
                + ", latest " + r.latestText());
        update.setText(r.updateText());
        update.setVisible(!r.updateText().isEmpty());
    }

    private ComboBox<Integer> versionBox(String id, ObjectProperty<Integer> value) {
        ComboBox<Integer> box = new ComboBox<>(detail.versions());
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        box.setCellFactory(l -> versionCell());
        box.setButtonCell(versionCell());
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.setPrefWidth(128);
        return box;
    }

    private ListCell<Integer> versionCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer v, boolean empty) {
                super.updateItem(v, empty);
                boolean latest = !empty && v != null && !detail.versions().isEmpty()
                        && v.equals(detail.versions().get(detail.versions().size() - 1));
                setText(empty || v == null ? null : "v" + v + (latest ? " (latest)" : ""));
            }
        };
    }

    private static <T> void listen(ObservableList<T> list, Runnable rebuild) {
        list.addListener((ListChangeListener<T>) c -> rebuild.run());
    }

    private static Tab tab(String title, Node content) {
        VBox box = new VBox(content);
        box.setPadding(new Insets(14, 16, 20, 16));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("profiles-detail-scroll");
        Tab t = new Tab(title, scroll);
        t.setId("profiles-tab-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        return t;
    }

    private static Node section(String title, GridPane grid) {
        VBox box = new VBox(8, Widgets.sectionTitle(title), grid);
        box.getStyleClass().add("profiles-layer");
        return box;
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.getStyleClass().add("kv-grid");
        g.setHgap(16);
        g.setVgap(6);
        return g;
    }

    private static Button button(String id, String text, Feather icon) {
        Button b = new Button(text, Widgets.icon(icon, null));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** For tests. */
    TabPane tabs() {
        return tabs;
    }
}
