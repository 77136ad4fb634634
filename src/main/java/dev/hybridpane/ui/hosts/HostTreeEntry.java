package dev.hybridpane.ui.hosts;

/** A line of the grouped hosts table: a site heading or a host. */
public sealed interface HostTreeEntry {
    record SiteGroup(String site, int hosts, int available) implements HostTreeEntry {
        public String title() {
            return (site.isBlank() ? "No site" : site) + "  (" + available + "/" + hosts + " available)";
        }
    }

    record Host(HostRow row) implements HostTreeEntry {
    }
}
