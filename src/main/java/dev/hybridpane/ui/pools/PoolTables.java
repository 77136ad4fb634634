package dev.hybridpane.ui.pools;

import atlantafx.base.theme.Styles;
import dev.hybridpane.domain.ClusterEvent;
import dev.hybridpane.domain.HealthStatus;
import dev.hybridpane.ui.common.Cells;
import dev.hybridpane.ui.common.Widgets;
import dev.hybridpane.ui.pools.day2.CertificateExpiry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The columns of the pools table, a pool's nodes table and its events table. */
final class PoolTables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private PoolTables() {
    }

    /** Cluster, pool, site, health, status, update (a link to its diff), nodes ready/total, profile. */
    static void pools(TableView<PoolRow> t, Consumer<PoolRow> openUpdate) {
        t.getStyleClass().add(Styles.DENSE);
        t.getColumns().add(Cells.column("Cluster", 110, PoolRow::clusterText));
        TableColumn<PoolRow, String> name = Cells.column("Pool", 130, PoolRow::name);
        name.getStyleClass().add("name-column");
        t.getColumns().add(name);
        t.getColumns().add(Cells.column("Site", 120, PoolRow::siteText));
        TableColumn<PoolRow, HealthStatus> health = Cells.column("Health", 84, r -> r.health().status());
        health.setComparator(Comparator.comparingInt(PoolTables::severity));
        health.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, s) -> Widgets.setPill(pill, s == HealthStatus.EMPTY ? "no nodes" : s.name().toLowerCase(Locale.ROOT),
                        Widgets.kind(s))));
        t.getColumns().add(health);
        TableColumn<PoolRow, String> status = Cells.column("Status", 100, PoolRow::statusText);
        status.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, s) -> Widgets.setPill(pill, s, statusKind(s))));
        t.getColumns().add(status);
        TableColumn<PoolRow, PoolRow> update = Cells.column("Update", 150, r -> r);
        update.setComparator(Comparator.comparing(PoolRow::updateAvailable).reversed()
                .thenComparing(PoolRow::updateText));
        update.setCellFactory(c -> new TableCell<>() {
            private final Hyperlink link = new Hyperlink();

            {
                link.getStyleClass().add("pools-update-link");
                link.setOnAction(e -> {
                    if (getItem() != null) {
                        openUpdate.accept(getItem());
                    }
                });
                link.setTooltip(new Tooltip("Compare the pool's version with the latest, field by field"));
            }

            @Override
            protected void updateItem(PoolRow r, boolean empty) {
                super.updateItem(r, empty);
                boolean available = !empty && r != null && r.updateAvailable();
                link.setText(available ? r.updateText() : "");
                setGraphic(available ? link : null);
                setText(empty || r == null || available ? null : r.updateText());
            }
        });
        t.getColumns().add(update);
        TableColumn<PoolRow, String> ready = Cells.column("Nodes", 54, PoolRow::readyText);
        ready.getStyleClass().add("mono");
        ready.setComparator(Comparator.comparingDouble(PoolTables::readyShare));
        t.getColumns().add(ready);
        t.getColumns().add(Cells.column("Profile", 120, PoolRow::profileText));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.getColumns().forEach(c -> c.setMinWidth(Math.min(c.getPrefWidth(), 54)));
        // pills are not cut
        health.setMinWidth(health.getPrefWidth());
        status.setMinWidth(status.getPrefWidth());
    }

    /** Host, node, Ready, kubelet, IP, conditions, credential provider, NodeConfig. */
    static void nodes(TableView<PoolNodeRow> t) {
        t.getStyleClass().add(Styles.DENSE);
        TableColumn<PoolNodeRow, String> host = Cells.column("Host", 84, PoolNodeRow::hostText);
        host.setMinWidth(80); // "dallas-01" whole beside the certificate column
        t.getColumns().add(host);
        t.getColumns().add(Cells.column("Node", 110, PoolNodeRow::nodeText));
        TableColumn<PoolNodeRow, PoolNodeRow> ready = Cells.column("Ready", 80, r -> r);
        ready.setComparator(Comparator.comparing(PoolNodeRow::ready));
        ready.setMinWidth(80);
        ready.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, r) -> Widgets.setPill(pill, r.readyText(), r.node() == null ? Widgets.NEUTRAL
                        : r.ready() ? Styles.SUCCESS : Styles.DANGER)));
        t.getColumns().add(ready);
        t.getColumns().add(Cells.column("Kubelet", 90, PoolNodeRow::kubeletText));
        t.getColumns().add(Cells.column("IP", 90, PoolNodeRow::ipText));
        t.getColumns().add(tipped(Cells.column("Conditions", 150, PoolNodeRow::conditionsText)));
        t.getColumns().add(Cells.column("Credentials", 80, PoolNodeRow::credentialText));
        t.getColumns().add(tipped(Cells.column("NodeConfig", 120, PoolNodeRow::nodeConfigText)));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    }

    /**
     * The host certificate's expiry (IAM Roles Anywhere pools: shown while any is known), amber within 30 days, red
     * once expired.
     */
    static void certificates(TableView<PoolNodeRow> t, Function<String, CertificateExpiry> expiry,
            ObservableBooleanValue shown) {
        TableColumn<PoolNodeRow, CertificateExpiry> c = Cells.column("Certificate", 96, r -> expiry.apply(r.host()));
        c.setId("pools-nodes-certificate");
        c.setComparator(Comparator.nullsFirst(Comparator.comparing(CertificateExpiry::notAfter,
                Comparator.nullsFirst(Comparator.naturalOrder()))));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label pill = Widgets.pill("", Widgets.NEUTRAL);

            @Override
            protected void updateItem(CertificateExpiry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e != null ? null : "—");
                setGraphic(empty || e == null ? null : pill);
                setTooltip(empty || e == null ? null : new Tooltip(e.problem() != null ? e.text() : "Expires " + e.text()));
                if (!empty && e != null) {
                    Widgets.setPill(pill, e.shortText(), switch (e.level()) {
                        case OK -> Styles.SUCCESS;
                        case WARNING -> Styles.WARNING;
                        case EXPIRED -> Styles.DANGER;
                        case UNREAD -> Widgets.NEUTRAL;
                    });
                }
            }
        });
        c.setMinWidth(90);
        c.visibleProperty().bind(shown);
        t.getColumns().add(2, c);
    }

    /** Last seen, type, object (a node or the pool), reason, message, count. */
    static void events(TableView<ClusterEvent> t) {
        t.getStyleClass().add(Styles.DENSE);
        TableColumn<ClusterEvent, Instant> when = Cells.column("Last seen", 104, ClusterEvent::lastSeen);
        when.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        when.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty ? null : at == null ? "—" : TIME.format(at));
            }
        });
        t.getColumns().add(when);
        TableColumn<ClusterEvent, String> type = Cells.column("Type", 82, ClusterEvent::type);
        type.setCellFactory(Cells.graphicCells(() -> Widgets.pill("", Widgets.NEUTRAL),
                (pill, s) -> Widgets.setPill(pill, s, "Warning".equalsIgnoreCase(s) ? Styles.WARNING : Widgets.NEUTRAL)));
        type.setMinWidth(82);
        t.getColumns().add(type);
        t.getColumns().add(tipped(Cells.column("Object", 96, PoolEventsViewModel::about)));
        t.getColumns().add(tipped(Cells.column("Reason", 110, ClusterEvent::reason)));
        t.getColumns().add(tipped(Cells.column("Message", 220, ClusterEvent::message)));
        TableColumn<ClusterEvent, Integer> count = Cells.column("Count", 52, ClusterEvent::count);
        count.getStyleClass().add("mono");
        count.setMinWidth(52);
        t.getColumns().add(count);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    }

    /** Text cells whose whole text shows on hover (long messages in narrow columns). */
    private static <S> TableColumn<S, String> tipped(TableColumn<S, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setTooltip(empty || value == null || value.isEmpty() ? null : new Tooltip(value));
            }
        });
        return c;
    }

    /** Provisioning and Updating are work under way, Error is bad news, Running good; unmanaged is neither. */
    static String statusKind(String status) {
        return switch (status) {
            case "Running" -> Styles.SUCCESS;
            case "Provisioning", "Updating", "Pending" -> Styles.ACCENT;
            case "Error" -> Styles.DANGER;
            default -> Widgets.NEUTRAL;
        };
    }

    private static int severity(HealthStatus s) {
        return switch (s) {
            case DOWN -> 0;
            case DEGRADED -> 1;
            case EMPTY -> 2;
            case HEALTHY -> 3;
        };
    }

    private static double readyShare(String text) {
        String[] parts = text.split("/");
        double total = Double.parseDouble(parts[1]);
        return total == 0 ? -1 : Double.parseDouble(parts[0]) / total;
    }
}
