package dev.hybridpane.ui.hybrid;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.Check;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.fleet.ClusterRow;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The pages of the import wizard's own steps; {@link ImportClusterViewModel} names one per step. */
final class ImportClusterPages {
    private ImportClusterPages() {
    }

    static Node cluster(ImportClusterViewModel vm) {
        ClusterChoiceStepViewModel c = vm.choice();
        ListView<ClusterRow> list = new ListView<>(c.discovered());
        list.setId("import-clusters");
        list.setFixedCellSize(38);
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.max(2, Math.min(6, c.discovered().size())) * 38.0 + 4,
                c.discovered()));
        list.setMinHeight(Region.USE_PREF_SIZE);
        list.getStyleClass().add("import-cluster-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ClusterRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(r.cluster().name());
                name.getStyleClass().add("check-title");
                Label meta = Widgets.muted(r.cluster().region() + " · Kubernetes " + r.cluster().version() + " · "
                        + r.cluster().status());
                HBox row = new HBox(12, Widgets.icon(Feather.SERVER, "icon-muted"), name, meta);
                row.setAlignment(Pos.CENTER_LEFT);
                setText(null);
                setGraphic(row);
            }
        });
        list.setPlaceholder(Widgets.muted("No clusters discovered in the selected regions. Type a region and name below."));
        boolean[] choosing = {false};
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            choosing[0] = true;
            c.choose(b);
            choosing[0] = false;
        });
        // typing a discovered cluster's region and name selects it in the list; anything else clears the selection
        Runnable sync = () -> {
            if (choosing[0]) {
                return;
            }
            ClusterRow match = c.matchingRow();
            if (match != list.getSelectionModel().getSelectedItem()) {
                if (match == null) {
                    list.getSelectionModel().clearSelection();
                } else {
                    list.getSelectionModel().select(match);
                }
            }
        };
        c.regionProperty().addListener((o, a, b) -> sync.run());
        c.nameProperty().addListener((o, a, b) -> sync.run());
        sync.run();

        TextField region = field("import-region", "us-west-2", c.regionProperty(), 14);
        TextField name = field("import-name", "payments", c.nameProperty(), 28);
        VBox regionBox = new VBox(4, WizardParts.label("Region"), region, WizardParts.fieldError(c.regionErrorProperty()));
        VBox nameBox = new VBox(4, WizardParts.label("Cluster name"), name, WizardParts.fieldError(c.nameErrorProperty()));
        regionBox.setPrefWidth(220);
        HBox.setHgrow(nameBox, Priority.ALWAYS);
        HBox typed = new HBox(20, regionBox, nameBox);
        Node error = WizardParts.errorMessage(vm.errorProperty());
        error.setId("import-error");
        VBox page = new VBox(12, WizardParts.label("Discovered clusters"),
                WizardParts.help("Pick one of the clusters found in the selected regions, or type the region and name of another."),
                list, WizardParts.label("Or type it"), typed,
                WizardParts.help("EKS cluster names have 1 to 100 characters: a letter or digit, then letters, digits, "
                        + "hyphens and underscores."), error);
        page.setId("import-cluster");
        return page;
    }

    private static TextField field(String id, String prompt, StringProperty text, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(text);
        return f;
    }

    static Node requirements(ImportClusterViewModel vm) {
        VBox rows = new VBox(8);
        Runnable fill = () -> rows.getChildren().setAll(vm.checks().stream().map(WizardParts::check).toList());
        vm.checks().addListener((ListChangeListener<Check>) ch -> fill.run());
        fill.run();
        Label known = WizardParts.help("");
        known.textProperty().bind(Bindings.createStringBinding(() -> vm.reviewProperty().get() == null ? ""
                : vm.reviewProperty().get().alreadyInWorkspace() ? "This cluster is already in your workspace; importing it "
                        + "again checks every step and changes only what is missing." : "Nothing has been changed yet.",
                vm.reviewProperty()));
        Node blocked = WizardParts.errorMessage(vm.blockedProperty());
        blocked.setId("import-blocked");
        VBox page = new VBox(12, WizardParts.help("What EKS Hybrid Nodes needs from this cluster. A failed check blocks the "
                + "import; its reason says how to fix it."), rows, blocked, known);
        page.setId("import-requirements");
        return page;
    }

    static Node manifest(ImportClusterViewModel vm) {
        Label what = WizardParts.help("HybridPane keeps its shared state in the cluster: the namespace hybridpane-system, the "
                + "hybridpane.dev custom resource definitions (sites, edge hosts, pools, operations) and RBAC roles.");
        Node footprint = WizardParts.note(vm.footprintTextProperty());
        VBox code = WizardParts.code("hybridpane-system.yaml", vm.manifestProperty(), "hybridpane-system.yaml", 14);
        code.setId("import-manifest");
        ToggleGroup g = new ToggleGroup();
        RadioButton now = new RadioButton("Apply it now (HybridPane creates what is missing)");
        RadioButton myself = new RadioButton("I'll apply it myself with kubectl or GitOps; wait until it is there");
        now.setId("import-apply-now");
        myself.setId("import-apply-myself");
        now.setToggleGroup(g);
        myself.setToggleGroup(g);
        (vm.applyMyselfProperty().get() ? myself : now).setSelected(true);
        g.selectedToggleProperty().addListener((o, a, b) -> vm.applyMyselfProperty().set(b == myself));
        vm.applyMyselfProperty().addListener((o, a, b) -> (b ? myself : now).setSelected(true));
        now.disableProperty().bind(vm.waitForFootprint().waitingProperty());
        myself.disableProperty().bind(vm.waitForFootprint().waitingProperty());
        VBox page = new VBox(12, what, footprint, new VBox(8, now, myself), waiting(vm), code);
        page.setId("import-manifest-step");
        return page;
    }

    private static Node waiting(ImportClusterViewModel vm) {
        FootprintWaitViewModel w = vm.waitForFootprint();
        ProgressIndicator spin = new ProgressIndicator();
        spin.setMinSize(24, 24);
        spin.setPrefSize(24, 24);
        spin.setMaxSize(24, 24);
        spin.visibleProperty().bind(w.waitingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        Label status = new Label();
        status.setId("import-wait-status");
        status.setWrapText(true);
        status.getStyleClass().add("check-title");
        status.textProperty().bind(w.statusProperty());
        Label missing = WizardParts.help("");
        missing.textProperty().bind(w.missingProperty());
        Label how = WizardParts.help("For example: kubectl apply -f hybridpane-system.yaml (after Save…), or commit it to "
                + "your GitOps repository. The wizard goes on by itself once every object is there.");
        Button stop = new Button("Cancel", Widgets.icon(Feather.X, null));
        stop.setId("import-wait-cancel");
        stop.getStyleClass().add(Styles.SMALL);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setOnAction(e -> vm.stopWaiting());
        stop.visibleProperty().bind(w.waitingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        VBox text = new VBox(4, status, missing, how);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(12, spin, text, stop);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("wizard-panel");
        box.setId("import-wait");
        box.visibleProperty().bind(Bindings.isNotEmpty(w.statusProperty()).and(vm.applyMyselfProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    static Node plan(ImportClusterViewModel vm) {
        Node nothing = WizardParts.note("Nothing has happened yet. These are the steps Apply runs, in order. Each step first "
                + "checks whether its object is already there and skips it if so.");
        VBox page = new VBox(12, nothing, WizardParts.code("Plan", vm.planTextProperty(), "import-plan.txt", 14));
        page.setId("import-plan");
        return page;
    }

    static Node done(ImportClusterViewModel vm) {
        Label title = new Label("Imported");
        title.getStyleClass().add("wizard-step-title");
        title.setGraphic(Widgets.icon(Feather.CHECK_CIRCLE, "icon-success"));
        Label text = new Label();
        text.setWrapText(true);
        text.textProperty().bind(vm.doneTextProperty());
        Label next = WizardParts.help("Next: enable hybrid mode on the cluster (its detail pane or Ctrl+K), then add edge hosts. "
                + "The operation and its log stay in Activity.");
        VBox page = new VBox(12, title, text, next);
        page.setId("import-done");
        return page;
    }
}
