package dev.hybridpane.ui.network;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.network.DoctorCheck;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import dev.hybridpane.ui.common.Widgets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * Every check of the report, grouped by area (AWS, cluster, hosts) with the group's worst status and counts; problems
 * first inside a group. Choosing a row tells {@code onChoose} its check.
 */
final class ChecksTable extends TreeTableView<ChecksTable.Row> {
    /** A group ({@code check} null) or a check. */
    record Row(String area, DoctorStatus status, String title, String subject, String summary, DoctorCheck check) {
    }

    ChecksTable(Consumer<DoctorCheck> onChoose) {
        setId("network-checks");
        getStyleClass().add(Styles.DENSE);
        setShowRoot(false);
        setPlaceholder(Widgets.muted("The checks show here after a run."));
        TreeTableColumn<Row, Row> status = new TreeTableColumn<>("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        status.setCellFactory(c -> new TreeTableCell<>() {
            private final Label pill = Widgets.pill("", Widgets.NEUTRAL);

            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                Widgets.setPill(pill, CheckCards.text(row.status()), CheckCards.kind(row.status()));
                setGraphic(pill);
            }
        });
        status.setPrefWidth(130);
        status.setMinWidth(110);
        TreeTableColumn<Row, String> title = text("Check", 240, Row::title);
        title.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                Row row = getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("network-group-row");
                if (!empty && row != null && row.check() == null) {
                    getStyleClass().add("network-group-row");
                }
            }
        });
        getColumns().addAll(List.of(status, title, text("Subject", 200, Row::subject), text("Summary", 420, Row::summary)));
        setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getValue().check() != null) {
                onChoose.accept(b.getValue().check());
            }
        });
    }

    private static TreeTableColumn<Row, String> text(String name, double width, Function<Row, String> f) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue().getValue())));
        c.setPrefWidth(width);
        return c;
    }

    void show(DoctorReport report) {
        TreeItem<Row> root = new TreeItem<>();
        if (report != null) {
            Map<String, List<DoctorCheck>> byArea = new LinkedHashMap<>();
            for (String area : List.of("aws", "cluster", "host")) {
                byArea.put(area, new ArrayList<>());
            }
            report.checks().forEach(c -> byArea.computeIfAbsent(c.area(), a -> new ArrayList<>()).add(c));
            byArea.forEach((area, checks) -> {
                if (checks.isEmpty()) {
                    return;
                }
                DoctorStatus worst = TopologyLayout.worst(checks);
                long bad = checks.stream().filter(c -> c.status() != DoctorStatus.PASS).count();
                TreeItem<Row> group = new TreeItem<>(new Row(area, worst, areaName(area), checks.size() + " checks",
                        bad == 0 ? "all pass" : bad + " need attention", null));
                checks.stream().sorted(Comparator.comparing((DoctorCheck c) -> -c.status().ordinal()))
                        .forEach(c -> group.getChildren().add(new TreeItem<>(new Row(area, c.status(), c.title(),
                                String.join(", ", c.subjects()), c.summary(), c))));
                group.setExpanded(true);
                root.getChildren().add(group);
            });
        }
        setRoot(root);
    }

    static String areaName(String area) {
        return switch (area) {
            case "aws" -> "AWS";
            case "cluster" -> "Cluster";
            case "host" -> "Hosts (on-prem)";
            default -> area;
        };
    }
}
