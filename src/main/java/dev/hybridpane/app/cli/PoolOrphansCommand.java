package dev.hybridpane.app.cli;

import dev.hybridpane.adapters.kube.Fabric8PoolOps;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.core.pool.SsmHygiene;
import dev.hybridpane.domain.ClusterRef;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `hybridpane pool orphans --cluster C --region R [--apply]`: lists the SSM managed instances registered through the
 * cluster's activations that have no Node (orphans of failed runs) and the console's activations that can register no
 * host any more; --apply deregisters those instances and deletes those activations. Exit 0 done, 1 a call failed, 2
 * invalid input.
 */
@Command(name = "orphans", mixinStandardHelpOptions = true,
        description = "List (or with --apply, clean) SSM managed instances with no Node and spent activations.")
public final class PoolOrphansCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PoolTarget target;
    @Option(names = "--apply", description = "Deregister the orphaned managed instances and delete the spent activations.")
    boolean apply;
    @Option(names = "--min-age", paramLabel = "MINUTES", defaultValue = "30", description = "Only instances registered at "
            + "least this long ago are orphans; younger ones may still be joining (default 30).")
    long minAge;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minAge < 0) {
            err.println("--min-age: 0 or more minutes, not " + minAge + ".");
            return 2;
        }
        return PoolEnvironment.run(target, err, env -> {
            ClusterRef ref = target.ref();
            String arn = env.aws.describeCluster(ref).arn();
            PoolStore.Pools pools = env.pools(ref);
            Fabric8PoolOps ops = env.ops(ref);
            SsmHygiene hygiene = new SsmHygiene(env.ssm(), Clock.systemUTC(), Duration.ofMinutes(minAge));
            SsmHygiene.Report report = hygiene.scan(ref, arn, pools, ops.journals());
            out.println("Managed instances with no Node in " + ref.name() + ": " + report.orphans().size());
            report.orphans().forEach(o -> out.println("  " + o.text()));
            out.println("Spent activations of " + ref.name() + "'s pools: " + report.spent().size());
            report.spent().forEach(a -> out.println("  " + a.text()));
            if (!apply) {
                if (!report.clean()) {
                    out.println("Run again with --apply to deregister these instances and delete these activations.");
                }
                out.flush();
                return 0;
            }
            SsmHygiene.Cleaned cleaned = hygiene.clean(ref, report, pools);
            cleaned.deregistered().forEach(id -> out.println("deregistered " + id));
            cleaned.deleted().forEach(id -> out.println("deleted activation " + id));
            out.flush();
            cleaned.failures().forEach(f -> err.println("failed: " + f));
            err.flush();
            return cleaned.failures().isEmpty() ? 0 : 1;
        });
    }
}
