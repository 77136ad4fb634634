package dev.hybridpane.ui.hosts;

import dev.hybridpane.core.edge.SshSettings;
import dev.hybridpane.domain.edge.EdgeHostSpec;
import dev.hybridpane.domain.edge.HostInputRules;
import dev.hybridpane.domain.edge.SudoMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field-level rules of the Add host form (the domain's rules plus the key file on this workstation, unless the host
 * is logged into with ssh-agent: its key file is then {@link SshSettings#AGENT}).
 */
final class HostFormRules {
    private HostFormRules() {
    }

    /** Field name to reason; empty when the form is good. Checks the key file exists and is readable. */
    static Map<String, String> validate(HostForm f, List<EdgeHostSpec> existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        HostInputRules.name(f.name()).ifPresent(r -> errors.put(HostForm.NAME, r));
        HostInputRules.address(f.address()).ifPresent(r -> errors.put(HostForm.ADDRESS, r));
        HostInputRules.port(f.port()).ifPresent(r -> errors.put(HostForm.PORT, r));
        HostInputRules.user(f.user()).ifPresent(r -> errors.put(HostForm.USER, r));
        if (!SshSettings.isAgent(f.keyFile())) { // with ssh-agent there is no key file to check
            keyFileProblem(f.keyFile()).ifPresent(r -> errors.put(HostForm.KEY_FILE, r));
        }
        if (f.sudo() == SudoMode.PASSWORD && (f.sudoPassword() == null || f.sudoPassword().length == 0)) {
            errors.put(HostForm.SUDO_PASSWORD, "Enter the sudo password (kept in memory only).");
        }
        if (!errors.containsKey(HostForm.NAME) && !errors.containsKey(HostForm.ADDRESS) && !errors.containsKey(HostForm.PORT)) {
            HostInputRules.duplicate(spec(f), existing).ifPresent(r -> errors.put(
                    r.contains("named") ? HostForm.NAME : HostForm.ADDRESS, r));
        }
        return errors;
    }

    static Optional<String> keyFileProblem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("Choose the private key file (OpenSSH or PEM).");
        }
        Path p = Path.of(path.strip());
        if (!Files.exists(p)) {
            return Optional.of(p + " does not exist.");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return Optional.of(p + " is not a readable file.");
        }
        return Optional.empty();
    }

    static EdgeHostSpec spec(HostForm f) {
        return new EdgeHostSpec(f.name().strip(), f.address().strip(), Integer.parseInt(f.port().strip()), f.user().strip(),
                f.site() == null ? "" : f.site(), f.sudo());
    }
}
