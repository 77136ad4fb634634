package dev.hybridpane.core.ops;

import java.util.List;

/**
 * One idempotent step of an {@link Operation}. {@link #observe} reads the current state and says whether the
 * step's effect is already there (and may record outputs such as an ARN for later steps); {@link #apply}
 * makes it so. The engine calls observe first, every time, so a re-run never does anything twice.
 */
public interface Step {
    /** Stable id within the operation, e.g. "iam-role". */
    String id();

    /** What the step does, in one line: "iam:CreateRole AmazonEKSHybridNodesRole". */
    String title();

    /** The call's arguments for the plan, one per line, with secrets already masked. */
    List<String> arguments();

    /** True when the effect is already in place. */
    boolean observe(StepContext ctx) throws Exception;

    void apply(StepContext ctx) throws Exception;
}
