package dev.hybridpane.core.ops;

/** Thrown inside a step's wait when the user cancelled; the engine records the operation as cancelled. */
public final class OperationCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OperationCancelledException() {
        super("cancelled by the user");
    }
}
