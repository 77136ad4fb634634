package dev.hybridpane.core.edge;

/** An SSH failure as a {@link ProbeResult.Failure}. The message never holds a secret. */
public final class EdgeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ProbeResult.Failure failure;

    public EdgeException(ProbeResult.Failure failure) {
        super(failure.reason());
        this.failure = failure;
    }

    public ProbeResult.Failure failure() {
        return failure;
    }
}
