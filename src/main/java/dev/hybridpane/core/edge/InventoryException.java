package dev.hybridpane.core.edge;

/** The inventory in the cluster could not be read or written; the message is a sentence for the administrator. */
public final class InventoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
