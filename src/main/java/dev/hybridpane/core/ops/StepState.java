package dev.hybridpane.core.ops;

public enum StepState {
    PENDING, RUNNING, ALREADY_DONE, DONE, FAILED, SKIPPED
}
