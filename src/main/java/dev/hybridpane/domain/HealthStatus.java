package dev.hybridpane.domain;

public enum HealthStatus {
    HEALTHY, DEGRADED, DOWN, EMPTY
}
