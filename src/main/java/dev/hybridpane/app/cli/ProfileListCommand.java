package dev.hybridpane.app.cli;

import dev.hybridpane.domain.profile.ProfileSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane profile list`: the cluster's profiles, their latest version and what it holds. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's profiles.")
public final class ProfileListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProfileTarget target;
    @Mixin
    TextOrJson output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.valid(err)) {
            return 2;
        }
        return ProfileEnvironment.run(target, err, env -> {
            List<ProfileSummary> rows = env.service(target.ref()).list();
            if (output.json()) {
                out.println(ProfileCommand.JSON.writeValueAsString(rows.stream().map(ProfileListCommand::row).toList()));
            } else if (rows.isEmpty()) {
                out.println("No profiles in " + target.cluster + ".");
            } else {
                out.printf("%-30s %-8s %-11s %-12s %-8s %s%n", "NAME", "VERSION", "KUBERNETES", "CREDENTIALS", "CNI",
                        "POOLS");
                for (ProfileSummary s : rows) {
                    out.printf("%-30s %-8d %-11s %-12s %-8s %s%n", s.name(), s.latestVersion(), s.kubernetesVersion(),
                            s.credentialProvider(), s.cni(), pools(s));
                }
            }
            out.flush();
            return 0;
        });
    }

    private static Map<String, Object> row(ProfileSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("latestVersion", s.latestVersion());
        m.put("kubernetesVersion", s.kubernetesVersion());
        m.put("credentialProvider", s.credentialProvider());
        m.put("cni", s.cni());
        Map<String, List<String>> pools = new LinkedHashMap<>();
        s.poolsByVersion().forEach((v, names) -> pools.put(String.valueOf(v), names));
        m.put("poolsByVersion", pools);
        m.put("updateAvailable", s.updateAvailable());
        return m;
    }

    /** "v1: dallas-gpu; v2: edge-a, edge-b (update available: dallas-gpu)", or "-" when no pool uses it. */
    static String pools(ProfileSummary s) {
        if (s.poolsByVersion().isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        s.poolsByVersion().forEach((v, names) -> b.append(b.length() == 0 ? "" : "; ").append("v").append(v).append(": ")
                .append(String.join(", ", names)));
        List<String> behind = s.updateAvailable();
        return behind.isEmpty() ? b.toString() : b + " (update available: " + String.join(", ", behind) + ")";
    }
}
