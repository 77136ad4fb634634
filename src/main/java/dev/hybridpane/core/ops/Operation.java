package dev.hybridpane.core.ops;

import java.util.List;

/**
 * A plan of idempotent steps. {@code kind} ("cluster-import", "hybrid-enable") and {@code target}
 * ("payments · us-west-2") name it in the Activity view; {@code id} names its journal.
 */
public record Operation(String id, String kind, String title, String target, List<Step> steps) {
    public Operation {
        steps = List.copyOf(steps);
    }

    /** The plan as text: every step in order with its arguments. Nothing is called. */
    public String planText() {
        StringBuilder b = new StringBuilder(title).append(" (").append(target).append(")\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            b.append(String.format("%2d. %s%n", i + 1, s.title()));
            for (String a : s.arguments()) {
                for (String line : a.split("\n")) {
                    b.append("      ").append(line).append('\n');
                }
            }
        }
        return b.toString();
    }
}
