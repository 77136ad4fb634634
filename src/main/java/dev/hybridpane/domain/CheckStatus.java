package dev.hybridpane.domain;

public enum CheckStatus {
    PASS, WARN, FAIL;

    public CheckStatus worst(CheckStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
