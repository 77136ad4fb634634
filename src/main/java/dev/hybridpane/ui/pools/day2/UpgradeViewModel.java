package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.NodePlan;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Strategy;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.UpgradeOptions;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.UpgradePlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Upgrade…": an explicit, reviewed choice. The options (strategy in-place / cutover / repave, max unavailable
 * default 1, max surge for cutover, stop on first failure default on, pause between nodes), then core's plan per node
 * (batch, strategy, steps, notes such as "SSM node name changes"), then "Approve upgrade" runs it with a row per node;
 * Pause, Resume and Cancel act at a node boundary.
 */
public final class UpgradeViewModel extends Day2Flow {
    static final int MAX_PAUSE_SECONDS = 3600;
    private final int fromVersion;
    private final int toVersion;
    private final int nodeCount;
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", Strategy.IN_PLACE);
    private final StringProperty maxUnavailable = new SimpleStringProperty(this, "maxUnavailable", "1");
    private final StringProperty maxSurge = new SimpleStringProperty(this, "maxSurge", "1");
    private final BooleanProperty stopOnFirstFailure = new SimpleBooleanProperty(this, "stopOnFirstFailure", true);
    private final StringProperty pauseSeconds = new SimpleStringProperty(this, "pauseSeconds", "0");
    private final ReadOnlyStringWrapper maxUnavailableError = new ReadOnlyStringWrapper(this, "maxUnavailableError", "");
    private final ReadOnlyStringWrapper maxSurgeError = new ReadOnlyStringWrapper(this, "maxSurgeError", "");
    private final ReadOnlyStringWrapper pauseError = new ReadOnlyStringWrapper(this, "pauseError", "");
    private final ObservableList<NodePlan> nodes = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private UpgradeOptions chosen;
    private UpgradePlan plan;

    /** @param nodeCount the pool's nodes now (max unavailable is at most that) */
    UpgradeViewModel(Day2Context ctx, int fromVersion, int toVersion, int nodeCount) {
        super(ctx, "Upgrade pool " + ctx.target().pool() + " to v" + toVersion);
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.nodeCount = Math.max(1, nodeCount);
    }

    @Override
    protected boolean checkChoices() {
        Integer unavailable = whole(maxUnavailable.get(), 1, nodeCount, maxUnavailableError, "Max unavailable");
        Integer surge = 0;
        if (strategy.get() == Strategy.CUTOVER) {
            surge = whole(maxSurge.get(), 1, nodeCount, maxSurgeError, "Max surge");
        } else {
            maxSurgeError.set("");
        }
        Integer pause = whole(pauseSeconds.get(), 0, MAX_PAUSE_SECONDS, pauseError, "The pause between nodes");
        if (unavailable == null || surge == null || pause == null) {
            chosen = null;
            return false;
        }
        chosen = new UpgradeOptions(toVersion, strategy.get(), unavailable, surge, stopOnFirstFailure.get(),
                Duration.ofSeconds(pause));
        return true;
    }

    @Override
    protected String makePlan() throws Exception {
        plan = ctx.port().planUpgrade(ctx.target(), chosen);
        return plan.operation().planText();
    }

    @Override
    protected void planRead() {
        nodes.setAll(plan.nodes());
        warnings.setAll(plan.warnings());
    }

    @Override
    protected Map<String, String> targets() {
        Map<String, String> t = new LinkedHashMap<>();
        for (NodePlan n : plan.nodes()) {
            t.put(n.node(), n.host() + " · batch " + n.batch() + " · " + strategyText(n.strategy()));
        }
        return t;
    }

    @Override
    protected boolean pausable() {
        return true;
    }

    @Override
    protected Journal execute(RunControl control, Consumer<Journal> progress) throws Exception {
        return ctx.port().upgrade(ctx.target(), chosen, control, progress);
    }

    @Override
    public BooleanExpression choicesValid() {
        return new SimpleBooleanProperty(true); // fields are checked on Review, each under its field
    }

    /** "in-place", "cutover", "repave". */
    public static String strategyText(Strategy s) {
        return switch (s) {
            case IN_PLACE -> "in-place";
            case CUTOVER -> "cutover";
            case REPAVE -> "repave";
        };
    }

    /** What a strategy does, in a sentence (the option's help). */
    public static String strategyHelp(Strategy s) {
        return switch (s) {
            case IN_PLACE -> "Each node is cordoned, drained, upgraded with nodeadm upgrade and uncordoned; its name "
                    + "stays.";
            case CUTOVER -> "New nodes join at the new version on free compatible hosts of the site first (max surge), "
                    + "then old nodes are drained and removed: capacity never drops.";
            case REPAVE -> "Each node is removed (drain, nodeadm uninstall) and installed again; for SSM the node name "
                    + "changes.";
        };
    }

    public int fromVersion() { return fromVersion; }
    public int toVersion() { return toVersion; }
    public ObjectProperty<Strategy> strategyProperty() { return strategy; }
    public StringProperty maxUnavailableProperty() { return maxUnavailable; }
    public StringProperty maxSurgeProperty() { return maxSurge; }
    public BooleanProperty stopOnFirstFailureProperty() { return stopOnFirstFailure; }
    public StringProperty pauseSecondsProperty() { return pauseSeconds; }
    public ReadOnlyStringProperty maxUnavailableErrorProperty() { return maxUnavailableError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty maxSurgeErrorProperty() { return maxSurgeError.getReadOnlyProperty(); }
    public ReadOnlyStringProperty pauseErrorProperty() { return pauseError.getReadOnlyProperty(); }
    /** The reviewed plan, per node, in order. */
    public ObservableList<NodePlan> nodes() { return nodes; }
    public ObservableList<String> warnings() { return warnings; }
    /** The options the plan was made from (null before Review). */
    public UpgradeOptions chosen() { return chosen; }
}
