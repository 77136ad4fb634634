package dev.hybridpane.adapters.kube;

/** The root cause's message of a failure, for sentences shown to the administrator. */
final class RootCause {
    private RootCause() {
    }

    static String root(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage();
        return m == null || m.isBlank() ? r.getClass().getSimpleName() : m;
    }
}
