package dev.hybridpane.ui.network;

import dev.hybridpane.core.ops.CancelToken;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.JournalStore;
import dev.hybridpane.core.ops.Operation;
import dev.hybridpane.core.ops.OperationCancelledException;
import dev.hybridpane.core.ops.OperationEngine;
import dev.hybridpane.core.ops.Step;
import dev.hybridpane.core.ops.Steps;
import dev.hybridpane.domain.network.DoctorReport;
import dev.hybridpane.domain.network.DoctorStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The doctor for UI tests: a report per run (faulty until the fixes are applied, then healthy), progress in four
 * steps, an optional gate that holds a run until released or cancelled, a real {@link OperationEngine} applying the
 * fix plan against a set of "made" changes (so a second apply finds them done), renderers that tag their format.
 */
final class FakeNetworkDoctor implements NetworkDoctorPort {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> made = ConcurrentHashMap.newKeySet();
    volatile List<DoctorTarget> clusters = List.of(new DoctorTarget("edge-prod", "us-west-2"),
            new DoctorTarget("edge-lab", "eu-west-1"));
    volatile Semaphore gate;
    volatile Exception runFailure;
    volatile String failApplyAt;
    /** Thrown by the next apply before any change (another workstation holds the cluster's network-fix lease). */
    volatile Exception refuseApply;
    volatile Runnable midRun = () -> { };
    private final OperationEngine engine = new OperationEngine(new MemoryJournals(), Clock.systemUTC());

    @Override
    public List<DoctorTarget> clusters() {
        calls.add("clusters");
        return clusters;
    }

    @Override
    public DoctorReport run(RunRequest request, Consumer<RunProgress> progress, CancelToken cancel) throws Exception {
        calls.add("run " + request.target().cluster() + (request.probeHosts() ? " hosts" : ""));
        String[] phases = {"Reading route tables", "Reading transit gateways", "Reading VPN connections", "Reading security groups"};
        for (int i = 0; i < phases.length; i++) {
            progress.accept(new RunProgress(i, phases.length, phases[i]));
            if (i == 1) {
                midRun.run();
                Semaphore g = gate;
                if (g != null) {
                    while (!g.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        if (cancel.cancelled()) {
                            break;
                        }
                    }
                }
            }
            if (cancel.cancelled()) {
                throw new OperationCancelledException();
            }
        }
        if (runFailure != null) {
            throw runFailure;
        }
        progress.accept(new RunProgress(phases.length, phases.length, "Done"));
        return made.size() >= 2 ? NetworkFixtures.healthy() : NetworkFixtures.faulty();
    }

    @Override
    public FixPlan planFixes(DoctorReport report) {
        calls.add("plan " + report.cluster());
        List<String> changes = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        report.checks().stream().filter(c -> c.fix().automatic() && c.status() != DoctorStatus.PASS)
                .forEach(c -> {
                    Map<String, String> p = c.fix().params();
                    String line = c.fix().action().equals("create-route")
                            ? "create route " + p.get("destinationCidr") + " → " + p.get("targetId") + " in " + p.get("routeTableId")
                            : "allow tcp 443 from " + p.get("cidr") + " in " + p.get("groupId");
                    changes.add(line);
                    steps.add(Steps.of(c.fix().action() + "-" + steps.size(), line, List.of(),
                            ctx -> made.contains(line),
                            ctx -> {
                                if (line.equals(failApplyAt)) {
                                    throw new IllegalStateException("RouteAlreadyExists: the route 10.81.0.0/16 is taken");
                                }
                                made.add(line);
                            }));
                });
        return new FixPlan(new Operation("network-fix/" + report.cluster(), "network-fix", "Fix the network of "
                + report.cluster(), report.cluster() + " · " + report.region(), steps), changes);
    }

    @Override
    public Journal applyFixes(FixPlan plan, CancelToken cancel, Consumer<Journal> progress) throws Exception {
        calls.add("apply " + plan.changes().size());
        Exception refused = refuseApply;
        if (refused != null) {
            refuseApply = null;
            throw refused;
        }
        return engine.run(plan.operation(), cancel, progress);
    }

    @Override
    public String render(DoctorReport report, ReportFormat format) {
        calls.add("render " + format);
        return format == ReportFormat.HTML ? "<html><body><h1>" + report.cluster() + "</h1></body></html>"
                : "# Network of " + report.cluster() + "\n\n" + NetworkViewModel.summary(report) + "\n";
    }

    private static final class MemoryJournals implements JournalStore {
        private final Map<String, Journal> byId = new ConcurrentHashMap<>();

        @Override
        public void save(Journal journal) {
            byId.put(journal.id(), journal);
        }

        @Override
        public Optional<Journal> load(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Journal> list() {
            return Collections.unmodifiableList(new ArrayList<>(byId.values()));
        }
    }
}
