package dev.hybridpane.ui.pools.wizard;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.domain.profile.ProfileProblem;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.wizard.FormParts;
import dev.hybridpane.ui.wizard.OperationRunView;
import dev.hybridpane.ui.wizard.StepRow;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The Review page (problems and the plan) and the Apply page (progress per step and per host, the log, Cancel). */
final class PoolReviewPage {
    private static final String EVERY_HOST = "Every host";
    private PoolReviewPage() {
    }

    static Node review(PoolWizardViewModel vm) {
        VBox problems = new VBox(4);
        problems.setId("pwiz2-problems");
        Runnable fill = () -> {
            problems.getChildren().setAll(FormParts.label("Checks"));
            for (ProfileProblem p : vm.problems()) {
                Label l = new Label(p.field() + ": " + p.message());
                l.setWrapText(true);
                l.getStyleClass().addAll(p.isError() ? "field-error" : "field-warning", Styles.TEXT_SMALL);
                l.setGraphic(Widgets.icon(p.isError() ? Feather.ALERT_CIRCLE : Feather.ALERT_TRIANGLE,
                        p.isError() ? "icon-danger" : "icon-warning"));
                l.setAlignment(Pos.TOP_LEFT);
                problems.getChildren().add(l);
            }
        };
        vm.problems().addListener((ListChangeListener<ProfileProblem>) c -> fill.run());
        fill.run();
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        Message ok = FormParts.note("Nothing has happened yet. Create pool runs this plan as an operation journaled in the "
                + "cluster (another workstation can resume it); every step observes first, so a re-run creates nothing twice.");
        ok.setId("pwiz2-review-note");
        ok.visibleProperty().bind(vm.checkedProperty().isNotNull());
        ok.managedProperty().bind(ok.visibleProperty());
        Message error = FormParts.errorMessage(vm.errorProperty());
        error.setId("pwiz2-review-error");
        TextArea plan = new TextArea();
        plan.setId("pwiz2-plan");
        plan.setEditable(false);
        plan.setWrapText(false);
        plan.getStyleClass().add("code-area");
        plan.setPrefRowCount(27);
        plan.textProperty().bind(vm.planTextProperty());
        Label planTitle = FormParts.label("The plan: every AWS call, host command and Kubernetes change (secrets masked; "
                + "hybridpane pool apply --plan prints the same)");
        planTitle.setWrapText(true);
        VBox planBox = new VBox(6, planTitle, plan);
        planBox.visibleProperty().bind(Bindings.isNotEmpty(vm.planTextProperty()));
        planBox.managedProperty().bind(planBox.visibleProperty());
        VBox page = new VBox(14, error, ok, problems, planBox);
        page.setId("pwiz2-review-page");
        return page;
    }

    static Node apply(PoolWizardViewModel vm) {
        PoolRunViewModel run = vm.run();
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(run.progressProperty());
        Label summary = new Label();
        summary.setId("pwiz2-run-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(run.summaryProperty());
        run.statusProperty().addListener((o, a, s) -> {
            summary.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.WARNING);
            if (s == OperationStatus.FAILED) {
                summary.getStyleClass().add(Styles.DANGER);
            } else if (s == OperationStatus.SUCCEEDED) {
                summary.getStyleClass().add(Styles.SUCCESS);
            } else if (s == OperationStatus.CANCELLED || s == OperationStatus.INTERRUPTED) {
                summary.getStyleClass().add(Styles.WARNING);
            }
        });
        Button cancel = new Button("Cancel run", Widgets.icon(Feather.STOP_CIRCLE, null));
        cancel.setId("pwiz2-run-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.disableProperty().bind(run.runningProperty().not());
        cancel.setOnAction(e -> run.cancel());
        HBox head = new HBox(12, summary, new Spacer(), cancel);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox steps = new VBox(4);
        steps.setId("pwiz2-run-steps");
        Runnable fillSteps = () -> steps.getChildren().setAll(run.steps().stream().map(r -> OperationRunView.row(r,
                r.stateLabel())).toList());
        run.steps().addListener((ListChangeListener<StepRow>) c -> fillSteps.run());
        GridPane hosts = new GridPane();
        hosts.setId("pwiz2-run-hosts");
        hosts.setHgap(12);
        hosts.setVgap(4);
        Runnable fillHosts = () -> {
            hosts.getChildren().clear();
            int row = 0;
            for (HostProgress h : run.hosts()) {
                Label name = new Label(h.host());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label pill = Widgets.pill(switch (h.state()) {
                    case WAITING -> "Waiting";
                    case RUNNING -> "Running";
                    case DONE -> "Done";
                    case FAILED -> "Failed";
                    case CANCELLED -> "Cancelled";
                }, switch (h.state()) {
                    case DONE -> Styles.SUCCESS;
                    case FAILED -> Styles.DANGER;
                    case RUNNING -> Styles.ACCENT;
                    case CANCELLED -> Styles.WARNING;
                    default -> Widgets.NEUTRAL;
                });
                pill.setId("pwiz2-run-host-" + h.host());
                Label text = new Label(h.text());
                text.setWrapText(true);
                text.getStyleClass().add(Styles.TEXT_MUTED);
                hosts.addRow(row++, name, pill, text);
            }
        };
        run.hosts().addListener((ListChangeListener<HostProgress>) c -> fillHosts.run());
        fillSteps.run();
        fillHosts.run();
        ListView<String> log = new ListView<>(run.shownLog());
        log.setId("pwiz2-run-log");
        ComboBox<String> logHost = new ComboBox<>();
        logHost.setId("pwiz2-run-log-host");
        Runnable hostChoices = () -> {
            List<String> names = new ArrayList<>();
            names.add(EVERY_HOST);
            run.hosts().forEach(h -> names.add(h.host()));
            if (!logHost.getItems().equals(names)) {
                logHost.getItems().setAll(names);
                logHost.setValue(run.logHostProperty().get() == null ? EVERY_HOST : run.logHostProperty().get());
            }
        };
        run.hosts().addListener((ListChangeListener<HostProgress>) c -> hostChoices.run());
        hostChoices.run();
        logHost.valueProperty().addListener((o, a, h) -> run.logHostProperty().set(h == null || h.equals(EVERY_HOST) ? null : h));
        HBox logHead = new HBox(12, FormParts.label("Log"), new Spacer(), logHost);
        logHead.setAlignment(Pos.CENTER_LEFT);
        log.getStyleClass().addAll("run-log", "mono");
        log.setPrefHeight(150);
        log.setFixedCellSize(22);
        run.shownLog().addListener((ListChangeListener<String>) c -> log.scrollTo(run.shownLog().size() - 1));
        Message error = FormParts.errorMessage(vm.errorProperty());
        VBox page = new VBox(12, bar, head, error, cniFix(vm.cniFix()), steps, FormParts.label("Hosts"), hosts, logHead, log);
        page.setId("pwiz2-run");
        return page;
    }

    /** The CNI patch on offer after a failed run: the commands it would run, and a button that applies it. */
    private static Node cniFix(CniFixOffer offer) {
        Message m = new Message("The cluster's CNI does not run on this pool's nodes", "");
        m.setId("pwiz2-cni-fix");
        m.getStyleClass().add(Styles.WARNING);
        m.descriptionProperty().bind(offer.patchProperty());
        Button apply = new Button("Apply the patch");
        apply.setId("pwiz2-cni-fix-apply");
        apply.disableProperty().bind(offer.busyProperty());
        apply.setOnAction(e -> offer.apply());
        VBox box = new VBox(6, m, apply);
        Label result = new Label();
        result.setId("pwiz2-cni-fix-result");
        result.setWrapText(true);
        result.textProperty().bind(offer.resultProperty());
        result.visibleProperty().bind(offer.resultProperty().isNotNull());
        result.managedProperty().bind(result.visibleProperty());
        box.visibleProperty().bind(offer.patchProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return new VBox(6, box, result);
    }
}
