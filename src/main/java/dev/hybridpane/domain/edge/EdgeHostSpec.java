package dev.hybridpane.domain.edge;

/** What the administrator says about a host (EdgeHost.spec). No key, passphrase or password, ever. */
public record EdgeHostSpec(String name, String address, int port, String user, String site, SudoMode sudo) {
    public EdgeHostSpec {
        sudo = sudo == null ? SudoMode.PASSWORDLESS : sudo;
        site = site == null ? "" : site;
    }

    /** "address:port", the key of the known_hosts entry. */
    public String hostPort() {
        return address + ":" + port;
    }
}
