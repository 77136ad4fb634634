package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.ui.common.Errors;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.HostChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * "Edit hosts…": the pool's hosts and the site's other hosts (free compatible ones can be checked; the rest say why
 * not), read off the FX thread; then core's plan (which hosts join; which nodes are removed, in what order); then the
 * run with a row per host.
 */
public final class EditHostsViewModel extends Day2Flow {
    private final ObservableList<HostEdit> hosts = FXCollections.observableArrayList(
            h -> new Observable[] {h.chosenProperty()});
    private final DrainChoices drain = new DrainChoices();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ReadOnlyStringWrapper changeSummary = new ReadOnlyStringWrapper(this, "changeSummary", "");
    private final BooleanBinding changed = Bindings.createBooleanBinding(() -> !change().isEmpty(), hosts);
    private HostChange chosen;

    EditHostsViewModel(Day2Context ctx) {
        super(ctx, "Edit the hosts of pool " + ctx.target().pool());
        hosts.addListener((ListChangeListener<HostEdit>) c -> summarise());
    }

    /** Reads the pool's hosts and the site's free ones. */
    public void load() {
        loading.set(true);
        loadError.set("");
        ctx.runner().task("Reading the hosts of " + ctx.target().pool(), () -> ctx.port().hosts(ctx.target()))
                .onSuccess(list -> hosts.setAll(list.stream().map(HostEdit::new).toList()))
                .onError(e -> loadError.set(Errors.sentence(e)))
                .andFinally(() -> loading.set(false))
                .start();
    }

    private HostChange change() {
        List<String> add = hosts.stream().filter(h -> !h.member() && h.editable() && h.chosenProperty().get())
                .map(HostEdit::host).toList();
        List<String> remove = hosts.stream().filter(h -> h.member() && !h.chosenProperty().get()).map(HostEdit::host)
                .toList();
        return new HostChange(add, remove, PoolDay2Port.DrainOptions.DEFAULT);
    }

    private void summarise() {
        HostChange c = change();
        changeSummary.set(c.add().isEmpty() && c.remove().isEmpty() ? "No change: check a free host to add it, "
                + "uncheck a member to remove its node."
                : (c.add().isEmpty() ? "" : c.add().size() + (c.add().size() == 1 ? " host joins" : " hosts join"))
                + (c.add().isEmpty() || c.remove().isEmpty() ? "" : "; ")
                + (c.remove().isEmpty() ? "" : c.remove().size() + (c.remove().size() == 1 ? " node is" : " nodes are")
                + " drained and removed, in this order: " + String.join(", ", c.remove())) + ".");
    }

    @Override
    protected boolean checkChoices() {
        HostChange c = change();
        PoolDay2Port.DrainOptions d = c.remove().isEmpty() ? PoolDay2Port.DrainOptions.DEFAULT : drain.options();
        if (d == null || c.isEmpty()) {
            return false;
        }
        chosen = new HostChange(c.add(), c.remove(), d);
        return true;
    }

    @Override
    protected String makePlan() throws Exception {
        return ctx.port().planHosts(ctx.target(), chosen).planText();
    }

    @Override
    protected Map<String, String> targets() {
        Map<String, String> t = new LinkedHashMap<>();
        chosen.add().forEach(h -> t.put(h, "joins"));
        chosen.remove().forEach(h -> t.put(h, "leaves"));
        return t;
    }

    @Override
    protected Journal execute(RunControl control, Consumer<Journal> progress) throws Exception {
        return ctx.port().changeHosts(ctx.target(), chosen, control, progress);
    }

    @Override
    public BooleanExpression choicesValid() { return changed; }

    public ObservableList<HostEdit> hosts() { return hosts; }
    public DrainChoices drain() { return drain; }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty loadErrorProperty() { return loadError.getReadOnlyProperty(); }
    /** What the checked boxes change, in a sentence. */
    public ReadOnlyStringProperty changeSummaryProperty() { return changeSummary.getReadOnlyProperty(); }
}
