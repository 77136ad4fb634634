package dev.hybridpane.ui.fleet;

import dev.hybridpane.core.CredentialProblem;

/**
 * A region whose clusters could not be listed, and why.
 *
 * @param problem the cause in the user's words when it was the credentials or the region's access; else null
 */
public record RegionFailure(String region, String reason, CredentialProblem problem) {
}
