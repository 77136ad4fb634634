package dev.hybridpane.ui.pools.day2;

import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.ui.pools.day2.PoolDay2Port.Unfinished;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.SimpleBooleanProperty;

/** "Resume": finishes an unfinished day-2 operation from its journal in the cluster; its run shows at once. */
public final class ResumeViewModel extends Day2Flow {
    private final Unfinished op;

    ResumeViewModel(Day2Context ctx, Unfinished op) {
        super(ctx, "Resume: " + op.title());
        this.op = op;
    }

    /** Starts at once: the operation was approved when it began. */
    void begin() {
        runNow();
    }

    @Override
    protected boolean checkChoices() {
        return true;
    }

    @Override
    protected String makePlan() {
        return op.title();
    }

    @Override
    protected Map<String, String> targets() {
        return Map.of();
    }

    @Override
    protected boolean pausable() {
        return op.kind().contains("upgrade");
    }

    @Override
    protected Journal execute(RunControl control, Consumer<Journal> progress) throws Exception {
        return ctx.port().resume(ctx.target(), op, control, progress);
    }

    @Override
    public BooleanExpression choicesValid() {
        return new SimpleBooleanProperty(true);
    }

    public Unfinished operation() { return op; }
}
