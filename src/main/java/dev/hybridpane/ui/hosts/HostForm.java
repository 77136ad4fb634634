package dev.hybridpane.ui.hosts;

import dev.hybridpane.domain.edge.SudoMode;

/**
 * What the Add host dialog collects. The sudo password is memory only and hidden from {@link #toString()}.
 */
public record HostForm(String name, String address, String port, String user, String site, String keyFile,
        SudoMode sudo, char[] sudoPassword) {

    public static final String NAME = "name";
    public static final String ADDRESS = "address";
    public static final String PORT = "port";
    public static final String USER = "user";
    public static final String KEY_FILE = "keyFile";
    public static final String SUDO_PASSWORD = "sudoPassword";

    @Override
    public String toString() {
        return "HostForm[" + name + " " + user + "@" + address + ":" + port + ", key " + keyFile + ", " + sudo.wire()
                + (sudoPassword != null ? ", sudo password=***" : "") + "]";
    }
}
