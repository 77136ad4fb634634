package dev.hybridpane.core.ops;

public enum OperationStatus {
    PLANNED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
