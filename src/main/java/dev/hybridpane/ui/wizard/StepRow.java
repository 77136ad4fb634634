package dev.hybridpane.ui.wizard;

import dev.hybridpane.core.ops.StepState;

/** One step of a running operation as the wizard shows it: its title, state and (for failures) the reason. */
public record StepRow(int number, String title, StepState state, String message) {
    public String stateLabel() {
        return switch (state) {
            case PENDING -> "Pending";
            case RUNNING -> "Running";
            case ALREADY_DONE -> "Already done";
            case DONE -> "Done";
            case FAILED -> "Failed";
            case SKIPPED -> "Skipped";
        };
    }
}
