package dev.hybridpane.ui.clusters;

import dev.hybridpane.domain.Arns;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.ui.fleet.ClusterRow;
import dev.hybridpane.ui.fleet.FleetProblems;
import dev.hybridpane.ui.fleet.FleetViewModel;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

/**
 * The clusters table: filter over name, account, region, version and status, sorted by the table's comparator. Each row
 * names its AWS account (read from the cluster's ARN), by the name a picked account has when one does.
 */
public final class ClustersViewModel {
    private static final Comparator<ClusterRow> NAME_ORDER = Comparator.comparing(ClusterRow::ref);
    private final FleetViewModel fleet;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final FilteredList<ClusterRow> filtered;
    private final SortedList<ClusterRow> sorted;
    private final ObjectProperty<ClusterRef> selected;
    private final ClusterDetailViewModel detail;
    private final Runnable importCluster;
    private final Function<String, String> accountNames;

    /**
     * @param importCluster opens the import wizard (the header's "Import cluster" button)
     * @param accountNames  an account id's name, as the AWS access portal gave it for a picked pair (null: none known)
     */
    public ClustersViewModel(FleetViewModel fleet, ObjectProperty<ClusterRef> selected, ClusterDetailViewModel detail,
            Runnable importCluster, Function<String, String> accountNames) {
        this.fleet = fleet;
        this.accountNames = accountNames;
        this.selected = selected;
        this.detail = detail;
        this.importCluster = importCluster;
        this.filtered = new FilteredList<>(fleet.clusterRows(), r -> true);
        // name order underneath; the table's column sort, when there is one, on top
        this.sorted = new SortedList<>(new SortedList<>(filtered, NAME_ORDER));
        filter.addListener((o, a, b) -> filtered.setPredicate(r -> matches(r, account(r) + " " + accountId(r), b)));
        selected.addListener((o, a, b) -> detail.show(b));
        detail.show(selected.get());
    }

    static boolean matches(ClusterRow r, String text) {
        return matches(r, "", text);
    }

    /** @param account the row's account (name and id) to match as well */
    static boolean matches(ClusterRow r, String account, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String q = text.strip().toLowerCase(Locale.ROOT);
        for (String term : q.split("\\s+")) {
            String hay = (r.cluster().name() + " " + r.cluster().region() + " " + r.cluster().version() + " "
                    + r.cluster().status() + " " + r.connectionText() + " " + account).toLowerCase(Locale.ROOT);
            if (!hay.contains(term)) {
                return false;
            }
        }
        return true;
    }

    /** The AWS account of the row's cluster, from its ARN ("" when the ARN names none). */
    public static String accountId(ClusterRow r) {
        return Arns.accountOf(r.cluster().arn());
    }

    /** The row's account as the table shows it: its name when a picked pair names it, else its id. */
    public String account(ClusterRow r) {
        String id = accountId(r);
        String name = id.isEmpty() ? null : accountNames.apply(id);
        return name == null || name.isBlank() ? id : name;
    }

    /** "name (id)", or the id alone when no name is known: the Account cell's tooltip and the detail's header. */
    public String accountLabel(ClusterRow r) {
        String id = accountId(r);
        String shown = account(r);
        return shown.equals(id) ? id : shown + " (" + id + ")";
    }

    public void importCluster() {
        importCluster.run();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The filtered clusters in the table's order ({@link #sortBy}). */
    public SortedList<ClusterRow> sorted() {
        return sorted;
    }

    /**
     * Sorts by the table's comparator, and by name (then region) while the table is sorted by no column: discovery
     * finds the clusters of several regions in no fixed order, and the list must not change order from one start
     * to the next. The list's comparator is bound to the table's as it is (TableView accepts a sort only when they
     * are the same); the name order comes from the list underneath.
     */
    public void sortBy(ObservableValue<Comparator<ClusterRow>> tableComparator) {
        sorted.comparatorProperty().bind(tableComparator);
    }

    public ObjectProperty<ClusterRef> selectedProperty() {
        return selected;
    }

    public ClusterDetailViewModel detail() {
        return detail;
    }

    public int total() {
        return fleet.clusterRows().size();
    }

    /** What kept clusters from being listed. */
    public FleetProblems problems() {
        return fleet.problems();
    }

    /** No cluster was listed, and regions or the credentials failed: an empty table is then no filter's doing. */
    public BooleanBinding listingFailed() {
        return Bindings.createBooleanBinding(() -> fleet.clusterRows().isEmpty() && fleet.problems().anyProperty().get(),
                fleet.clusterRows(), fleet.problems().anyProperty());
    }
}
