package dev.hybridpane.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a throwable into one sentence for a person. Never a stack trace. */
public final class Errors {
    private Errors() {
    }

    public static String sentence(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2");
        }
        int nl = msg.indexOf('\n');
        return nl > 0 ? msg.substring(0, nl) : msg;
    }
}
