package dev.hybridpane.domain;

/** One requirement check with its outcome and a reason a person can act on. */
public record Check(String id, String title, CheckStatus status, String reason) {
    public static Check pass(String id, String title, String reason) {
        return new Check(id, title, CheckStatus.PASS, reason);
    }

    public static Check warn(String id, String title, String reason) {
        return new Check(id, title, CheckStatus.WARN, reason);
    }

    public static Check fail(String id, String title, String reason) {
        return new Check(id, title, CheckStatus.FAIL, reason);
    }
}
