package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.edge.SupportMatrix.SupportedOs;
import java.util.Optional;

/**
 * Where {@code nodeadm install --containerd-source} takes containerd from: {@code none} (already on the host),
 * {@code distro} (the OS's packages, nodeadm's default) or {@code docker} (Docker's repositories). The OS each
 * one cannot be used on is kept here, beside the values: distro is invalid on RHEL, docker on Amazon Linux 2023.
 */
public enum ContainerdSource {
    NONE("none", null, null),
    DISTRO("distro", "rhel", "RHEL has no containerd package of its own; use docker or none"),
    DOCKER("docker", "amzn", "Docker publishes no repository for Amazon Linux 2023; use distro or none");

    private final String id;
    private final String invalidOsId;
    private final String why;

    ContainerdSource(String id, String invalidOsId, String why) {
        this.id = id;
        this.invalidOsId = invalidOsId;
        this.why = why;
    }

    /** As nodeadm spells it. */
    public String id() {
        return id;
    }

    /** The os-release ID this source cannot be used on ({@code rhel}, {@code amzn}), if any. */
    public Optional<String> invalidOsId() {
        return Optional.ofNullable(invalidOsId);
    }

    /** Whether nodeadm can install containerd this way on the given OS. */
    public boolean supportedOn(SupportedOs os) {
        return invalidOsId == null || !invalidOsId.equals(os.id());
    }

    /** Why the source cannot be used on the OS it is invalid on (empty for {@code none}). */
    public String reason() {
        return why == null ? "" : why;
    }

    public static ContainerdSource parse(String s) {
        String v = s == null ? "" : s.strip();
        for (ContainerdSource c : values()) {
            if (c.id.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown containerd source " + Shown.quoted(s) + " (use none, distro or docker)");
    }
}
