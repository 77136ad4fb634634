/**
 * The Create-pool wizard (issue 21): cluster, name and site → profile and version → labels, taints, architecture and
 * NTP → hosts (free, compatible hosts of the site offered, the others with why not; VPN server IPs; the SSH key; the
 * CA key for Roles Anywhere) → Review (PoolService's checks and plan, as {@code pool apply --plan} prints them) → Apply
 * (PoolService's journaled operation with progress per host, Cancel and Retry). {@link
 * dev.hybridpane.ui.pools.wizard.PoolWizards} opens it; {@link dev.hybridpane.ui.pools.wizard.PoolsServices} and
 * {@link dev.hybridpane.ui.pools.wizard.PoolTools} are what the composition root gives it.
 */
package dev.hybridpane.ui.pools.wizard;
