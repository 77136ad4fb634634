package dev.hybridpane.app.cli;

import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.core.profile.ProfileService.ApplyResult;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.ProfileMapper;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `hybridpane profile apply -f FILE`: validate a ClusterProfile document and store it, as a new version if it changed. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Store the profile a ClusterProfile file holds: a new profile, or its latest version as a new version "
                + "unless the cluster's latest already holds it. --plan prints what would be stored; --apply stores it.")
public final class ProfileApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProfileTarget target;
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE")
    Path file;
    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions.Mode mode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterProfile profile;
        try {
            profile = ProfileMapper.fromYaml(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("-f: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("invalid: " + file + ": " + e.getMessage());
            return 2;
        }
        return ProfileEnvironment.run(target, err, env -> {
            ProfileService service = env.service(target.ref());
            ApplyResult r = service.apply(profile, mode.plan ? "" : env.caller(), mode.plan);
            for (ProfileProblem p : r.problems()) {
                (p.isError() ? err : out).println((p.isError() ? "invalid: " : "warning: ") + p.field() + ": " + p.message());
            }
            err.flush();
            switch (r.outcome()) {
                case INVALID -> {
                    return 2;
                }
                case UNCHANGED -> {
                    r.conflict().ifPresent(out::println);
                    out.println(r.change() + " Nothing was stored.");
                    out.flush();
                    return 0;
                }
                default -> {
                    r.conflict().ifPresent(out::println);
                    out.print(r.change().endsWith("\n") ? r.change() : r.change() + "\n");
                    out.println(mode.plan ? "Nothing was changed (--plan)."
                            : "OK: stored version " + r.version() + " of " + profile.name() + " in " + target.cluster + ".");
                    out.flush();
                    return 0;
                }
            }
        });
    }
}
