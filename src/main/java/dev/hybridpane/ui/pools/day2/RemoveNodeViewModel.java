package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.Operation;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * "Remove node…": the drain choices, then core's plan in AWS's order (cordon, drain through the Eviction API,
 * nodeadm uninstall, wait NotReady, delete the Node, SSM deregistration, the host back to available), then the run;
 * while the drain waits on a PodDisruptionBudget, the run shows the PDB and the pod.
 */
public final class RemoveNodeViewModel extends Day2Flow {
    private final String node;
    private final String host;
    private final DrainChoices drain = new DrainChoices();
    private PoolDay2Port.DrainOptions chosen;

    RemoveNodeViewModel(Day2Context ctx, String node, String host) {
        super(ctx, "Remove node " + node);
        this.node = node;
        this.host = host;
    }

    @Override
    protected boolean checkChoices() {
        chosen = drain.options();
        return chosen != null;
    }

    @Override
    protected String makePlan() throws Exception {
        Operation op = ctx.port().planRemoval(ctx.target(), node, chosen);
        return op.planText();
    }

    @Override
    protected Map<String, String> targets() {
        return Map.of(node, host == null ? "" : host);
    }

    @Override
    protected Journal execute(RunControl control, Consumer<Journal> progress) throws Exception {
        return ctx.port().removeNode(ctx.target(), node, chosen, control, progress);
    }

    @Override
    public BooleanExpression choicesValid() {
        return new SimpleBooleanProperty(true); // the timeout is checked on Review, under its field
    }

    public String node() { return node; }
    public String host() { return host; }
    public DrainChoices drain() { return drain; }
}
