package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;
import dev.hybridpane.domain.edge.HostInputRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Field rules of the OS layer. */
final class OsRules {
    /** What nodeadm writes to /etc/sysctl.d/99-nodeadm.conf, which sysctl --system applies after lower-numbered files. */
    static final Map<String, String> NODEADM_SYSCTL;
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_:~=-]*");
    private static final Pattern SYSCTL_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*([./][A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");
    /** [registry[:port]/]path[:tag][@sha256:digest], as the OCI distribution reference grammar allows it. */
    private static final Pattern IMAGE = Pattern.compile("(?<registry>[A-Za-z0-9.-]+(:[0-9]+)?/)?"
            + "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(?<tag>:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
            + "(?<digest>@sha256:[a-f0-9]{64})?");

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vm.overcommit_memory", "1");
        m.put("kernel.panic", "10");
        m.put("kernel.panic_on_oops", "1");
        m.put("net.ipv4.ip_forward", "1");
        NODEADM_SYSCTL = java.util.Collections.unmodifiableMap(m);
    }

    private OsRules() {
    }

    static List<ProfileProblem> check(OsLayer os) {
        List<ProfileProblem> out = new ArrayList<>();
        if (os.mode() == OsMode.APPLIANCE) {
            appliance(os, out);
            return out;
        }
        if (!os.imageReference().isEmpty()) {
            out.add(ProfileProblem.error("os.image", "An image reference belongs to appliance mode; agent-mode hosts keep "
                    + "their own OS."));
        }
        names("os.packages", os.packages(), out, p -> PACKAGE.matcher(p).matches() ? null
                : Shown.quoted(p) + " is not a package name (letters, digits and . + _ : ~ = -).");
        names("os.ntpServers", os.ntpServers(), out, s -> HostInputRules.address(s).map(m -> "NTP server: " + m).orElse(null));
        os.sysctl().forEach((k, v) -> {
            String field = "os.sysctl" + ProfileDiff.key(k);
            if (!SYSCTL_KEY.matcher(k).matches()) {
                out.add(ProfileProblem.error(field, Shown.quoted(k) + " is not a sysctl key (such as net.core.somaxconn)."));
            } else if (v.isBlank()) {
                out.add(ProfileProblem.error(field, "Give " + k + " a value."));
            } else if (NODEADM_SYSCTL.containsKey(k) && !NODEADM_SYSCTL.get(k).equals(v.strip())) {
                out.add(ProfileProblem.warning(field, "nodeadm sets " + k + "=" + NODEADM_SYSCTL.get(k)
                        + " in /etc/sysctl.d/99-nodeadm.conf, which is applied after this value and wins."));
            }
        });
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < os.files().size(); i++) {
            ExtraFile f = os.files().get(i);
            String field = "os.files[" + i + "]";
            String p = f.path().strip();
            if (!p.startsWith("/") || p.endsWith("/") || p.contains("//") || List.of(p.split("/")).contains("..")) {
                out.add(ProfileProblem.error(field + ".path", Shown.quoted(p) + " must be an absolute file path without '..'."));
            } else if (!paths.add(p)) {
                out.add(ProfileProblem.error(field + ".path", p + " is listed twice."));
            }
            if (!OCTAL.matcher(f.permissions()).matches()) {
                out.add(ProfileProblem.error(field + ".permissions", Shown.quoted(f.permissions())
                        + " is not octal permissions such as 0644."));
            }
        }
        out.addAll(TextFormats.cloudConfigProblems("os.cloudConfig", os.cloudConfig()));
        return out;
    }

    private static void appliance(OsLayer os, List<ProfileProblem> out) {
        String ref = os.imageReference();
        if (ref.isEmpty()) {
            out.add(ProfileProblem.error("os.image", "Appliance mode needs the provider image's reference, such as "
                    + "registry.example.com/edge/ubuntu-nodeadm:1.31."));
        } else {
            var m = IMAGE.matcher(ref);
            if (!m.matches()) {
                out.add(ProfileProblem.error("os.image", Shown.quoted(ref) + " is not an image reference "
                        + "([registry/]repository[:tag][@sha256:digest], repository in lower case)."));
            } else if (m.group("tag") == null && m.group("digest") == null) {
                out.add(ProfileProblem.warning("os.image", Shown.quoted(ref) + " names no tag or digest, so it means :latest; "
                        + "pin one so that every repave gets the same image."));
            }
        }
        if (!os.packages().isEmpty() || !os.ntpServers().isEmpty() || !os.sysctl().isEmpty() || !os.files().isEmpty()
                || !os.cloudConfig().isBlank()) {
            out.add(ProfileProblem.error("os.mode", "Appliance mode takes everything from the image: packages, NTP "
                    + "servers, sysctl, files and cloud-config belong to agent mode."));
        }
    }

    private static void names(String field, List<String> values, List<ProfileProblem> out,
                              java.util.function.Function<String, String> rule) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i).strip();
            String f = field + "[" + i + "]";
            if (v.isEmpty()) {
                out.add(ProfileProblem.error(f, "Remove the empty entry."));
                continue;
            }
            String problem = rule.apply(v);
            if (problem != null) {
                out.add(ProfileProblem.error(f, problem));
            } else if (!seen.add(v)) {
                out.add(ProfileProblem.error(f, v + " is listed twice."));
            }
        }
    }
}
