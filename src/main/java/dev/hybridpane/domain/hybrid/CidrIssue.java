package dev.hybridpane.domain.hybrid;

/**
 * A problem with one entry of the remote network lists. {@code list} is NODES or PODS, {@code index} the
 * entry's position (-1 for the list as a whole); {@code error} false means a warning that does not block.
 */
public record CidrIssue(RemoteNetworkRules.ListKind list, int index, String message, boolean error) {
}
