package dev.hybridpane.core.ops;

import java.util.List;

/** Builds {@link Step}s from two small functions. */
public final class Steps {
    private Steps() {
    }

    @FunctionalInterface
    public interface Observer {
        boolean observe(StepContext ctx) throws Exception;
    }

    @FunctionalInterface
    public interface Action {
        void apply(StepContext ctx) throws Exception;
    }

    public static Step of(String id, String title, List<String> arguments, Observer observe, Action apply) {
        return new Simple(id, title, List.copyOf(arguments), observe, apply);
    }

    private record Simple(String id, String title, List<String> arguments, Observer observer, Action action) implements Step {
        @Override
        public boolean observe(StepContext ctx) throws Exception {
            return observer.observe(ctx);
        }

        @Override
        public void apply(StepContext ctx) throws Exception {
            action.apply(ctx);
        }
    }

    /** Masks a secret for a plan or log: keeps nothing of it. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "" : "••••••••";
    }
}
