package dev.hybridpane.core.hybrid;

import dev.hybridpane.domain.CheckStatus;

/** One line of a cluster's hybrid configuration in the detail pane: a light, a value and a short reason. */
public record HybridStatusItem(String title, CheckStatus status, String value, String reason) {
}
