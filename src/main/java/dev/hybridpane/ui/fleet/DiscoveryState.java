package dev.hybridpane.ui.fleet;

public enum DiscoveryState {
    IDLE, DISCOVERING, DONE, FAILED
}
