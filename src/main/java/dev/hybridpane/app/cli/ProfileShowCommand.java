package dev.hybridpane.app.cli;

import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `hybridpane profile show NAME`: a profile's versions (or one of them), as text, JSON or YAML. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a profile's versions, or one with --version.")
public final class ProfileShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProfileTarget target;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--version", paramLabel = "N", description = "Only this version.")
    Integer version;
    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", defaultValue = "text")
    String output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.equals("text") && !output.equals("json") && !output.equals("yaml")) {
            err.println("-o: write text, json or yaml, not " + output + ".");
            return 2;
        }
        return ProfileEnvironment.run(target, err, env -> {
            ClusterProfile p = env.service(target.ref()).show(name, version);
            switch (output) {
                case "json" -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", p.name());
                    m.put("versions", ProfileMapper.toSpec(p).get("versions"));
                    out.println(ProfileCommand.JSON.writeValueAsString(m));
                }
                case "yaml" -> out.print(ProfileMapper.toYaml(p));
                default -> {
                    out.println("Profile " + p.name() + " (cluster " + target.cluster + ")");
                    for (ProfileVersion v : p.versions()) {
                        out.printf("  version %d  %s by %s: Kubernetes %s, %s, %s, OS %s%n", v.number(), v.createdAt(),
                                v.createdBy().isEmpty() ? "?" : v.createdBy(), v.kubernetes().version(),
                                v.kubernetes().credentialProvider().id(), v.network().cni().id(), v.os().mode().id());
                    }
                }
            }
            out.flush();
            return 0;
        });
    }
}
