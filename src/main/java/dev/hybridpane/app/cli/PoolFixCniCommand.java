package dev.hybridpane.app.cli;

import dev.hybridpane.core.pool.CniFix;
import dev.hybridpane.core.pool.NotReadyDiagnosis;
import dev.hybridpane.core.pool.PoolStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool fix-cni NAME`: prints the JSON patches that let the cluster's Cilium / Calico DaemonSet run on the
 * pool's nodes (the hybrid nodeAffinity term, tolerations of the pool's taints), as kubectl commands; with --apply, applies
 * them and checks again. Exit 0 when the CNI runs (or would, after the shown patches), 1 when it still does not or a
 * fix must be made by hand.
 */
@Command(name = "fix-cni", mixinStandardHelpOptions = true,
        description = "Show (or, with --apply, apply) the patch that lets the cluster's CNI run on a pool's hybrid nodes.")
public final class PoolFixCniCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Parameters(index = "0", paramLabel = "NAME", description = "The node pool.")
    String name;
    @Option(names = "--apply", description = "Apply the patch (default: show it only).")
    boolean apply;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return PoolEnvironment.run(target, err, env -> {
            PoolStore.Pools pools = env.pools(target.ref());
            if (pools.get(name).isEmpty()) {
                err.println("There is no node pool named " + name + " in " + target.cluster + ".");
                err.flush();
                return 1;
            }
            CniFix.Plan plan = CniFix.plan(pools, name);
            plan.notes().forEach(out::println);
            for (NotReadyDiagnosis.CniPatch p : plan.patches()) {
                out.println((apply ? "Patching: " : "") + p.command());
            }
            out.flush();
            if (!apply || plan.patches().isEmpty()) {
                return plan.runs() || !plan.patches().isEmpty() && plan.notes().isEmpty() ? 0 : 1;
            }
            CniFix.Plan after = CniFix.apply(pools, plan);
            if (after.runs()) {
                out.println("Patched " + String.join(", ", plan.patches().stream().map(p -> p.namespace() + "/" + p.name())
                        .toList()) + ": the CNI now runs on the nodes of pool " + name + " (they turn Ready within a minute); "
                        + "run pool apply again to finish the pool.");
                out.flush();
                return 0;
            }
            err.println("After the patch, the CNI still does not run on the nodes of pool " + name + ": "
                    + String.join(" ", after.notes()) + (after.patches().isEmpty() ? "" : " Still to patch: "
                    + String.join("; ", after.patches().stream().map(NotReadyDiagnosis.CniPatch::command).toList())));
            err.flush();
            return 1;
        });
    }
}
