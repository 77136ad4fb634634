package dev.hybridpane.lab.edge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A nodeadm subcommand's arguments as flaggy parses them: positionals, string flags by long name, booleans present. */
record LabNodeadmArgs(List<String> positionals, Map<String, String> values, Set<String> bools) {
    String get(String name) {
        return values.getOrDefault(name, "");
    }

    List<String> list(String name) {
        String v = get(name);
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    /** flaggy's parsing: -x v, --long v, --long=v; an unknown flag is shown with the help (exit 2). */
    static LabNodeadmArgs parse(String sub, List<String> rest, Map<String, String> valueFlags, Set<String> bools)
            throws LabNodeadmLog.HelpExit {
        List<String> pos = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < rest.size(); i++) {
            String t = rest.get(i);
            if (!t.startsWith("-") || t.equals("-")) {
                pos.add(t);
                continue;
            }
            String name = t.replaceFirst("^--?", "");
            String inline = null;
            if (name.contains("=")) {
                inline = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            String longName = valueFlags.containsKey(name) ? valueFlags.get(name) : name;
            if (valueFlags.containsValue(longName)) {
                String v = inline != null ? inline : i + 1 < rest.size() ? rest.get(++i) : "";
                values.put(longName, v);
            } else if (bools.contains(name)) {
                present.add(name);
            } else if (name.equals("h") || name.equals("help")) {
                throw new LabNodeadmLog.HelpExit(help(sub));
            } else {
                throw new LabNodeadmLog.HelpExit(help(sub) + "\nUnknown arguments supplied:  " + t);
            }
        }
        return new LabNodeadmArgs(pos, values, Set.copyOf(present));
    }

    static String help(String sub) {
        if (sub.equals("install")) {
            return "install - Install components required to join an EKS cluster\n\n  Usage:\n    install [KUBERNETES_VERSION]\n\n"
                    + "  Positional Variables:\n    KUBERNETES_VERSION   The major[.minor[.patch]] version of Kubernetes to install."
                    + " (Required)\n  Flags:\n       --version               Displays the program version string.\n"
                    + "    -h --help                  Displays help with available flag, subcommand, and positional value "
                    + "parameters.\n    -p --credential-provider   Credential process to install. Allowed values: [ssm, iam-ra].\n"
                    + "    -s --containerd-source     Source for containerd artifact. Allowed values: [none, distro, docker]. "
                    + "(default: distro)\n    -r --region                AWS region for downloading regional artifacts. "
                    + "(default: us-west-2)\n    -t --timeout               Maximum install command duration. Input follows "
                    + "duration format. Example: 1h23s (default: 20m0s)\n    -d --development           Enable development mode "
                    + "for logging.\n\nExamples:\n  # Install Kubernetes version 1.31 with AWS Systems Manager (SSM) as the "
                    + "credential provider\n  nodeadm install 1.31 --credential-provider ssm\n";
        }
        return "nodeadm" + (sub.isEmpty() ? "" : " " + sub) + "\n\n  Usage:\n    nodeadm [config|init|install|uninstall|upgrade|debug]"
                + "\n\n  Flags:\n       --version       Displays the program version string.\n    -h --help          Displays "
                + "help with available flag, subcommand, and positional value parameters.\n    -d --development   Enable "
                + "development mode for logging.\n";
    }
}
