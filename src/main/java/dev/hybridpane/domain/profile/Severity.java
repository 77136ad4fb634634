package dev.hybridpane.domain.profile;

/** ERROR blocks storing (or creating a pool); WARNING is shown and does not block. */
public enum Severity {
    ERROR, WARNING
}
