package dev.hybridpane.ui.activity;

import dev.hybridpane.core.FleetUpdate;
import dev.hybridpane.domain.ClusterRef;
import dev.hybridpane.domain.ConnectionState;
import dev.hybridpane.ui.activity.ActivityRow.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the console did this session, newest first. FX thread only. */
public final class ActivityViewModel {
    public static final int MAX_ROWS = 5000;

    private final Clock clock;
    private final ObservableList<ActivityRow> rows = FXCollections.observableArrayList();
    private final Map<ClusterRef, String> lastState = new HashMap<>();
    private final Set<ClusterRef> found = new HashSet<>();

    public ActivityViewModel(Clock clock) {
        this.clock = clock;
    }

    public void log(Level level, String cluster, String message) {
        rows.add(0, new ActivityRow(clock.instant(), cluster == null ? "" : cluster, message, level));
        if (rows.size() > MAX_ROWS) {
            rows.remove(MAX_ROWS, rows.size());
        }
    }

    /** Logs the fleet-level parts of a batch; node and event traffic is not logged. */
    public void apply(List<FleetUpdate> batch) {
        for (FleetUpdate u : batch) {
            if (u instanceof FleetUpdate.DiscoveryStarted ds) {
                lastState.clear();
                found.clear();
                log(Level.INFO, "", "Discovery started in " + String.join(", ", ds.regions()));
            } else if (u instanceof FleetUpdate.DiscoveryFinished df) {
                log(Level.INFO, "", "Discovery finished: " + df.clusters() + (df.clusters() == 1 ? " cluster" : " clusters")
                        + " in " + format(df.took()));
            } else if (u instanceof FleetUpdate.RegionFailed rf) {
                log(Level.ERROR, "", "Region " + rf.region() + " failed: " + rf.reason());
            } else if (u instanceof FleetUpdate.EnvironmentFailed ef) {
                log(Level.ERROR, "", "Discovery failed: " + ef.reason());
            } else if (u instanceof FleetUpdate.ClusterFound cf) {
                if (!found.add(cf.cluster().ref())) {
                    continue; // read again after a change: the shell logs that itself
                }
                log(Level.INFO, name(cf.cluster().ref()), "Found cluster (Kubernetes " + cf.cluster().version() + ", "
                        + cf.cluster().status() + ")");
            } else if (u instanceof FleetUpdate.ClusterUnavailable cu) {
                log(Level.WARNING, name(cu.ref()), "Cluster unavailable: " + cu.reason());
            } else if (u instanceof FleetUpdate.AccessChanged ac) {
                logState(ac.ref(), ac.state());
            }
        }
    }

    private void logState(ClusterRef ref, ConnectionState state) {
        String label = state.label();
        String previous = lastState.put(ref, label);
        if (label.equals(previous) && !(state instanceof ConnectionState.Failed)) {
            return;
        }
        if (state instanceof ConnectionState.Failed f) {
            log(Level.ERROR, name(ref), "Connection failed: " + f.reason());
        } else if (state instanceof ConnectionState.Connected) {
            log(Level.INFO, name(ref), "Connected to the Kubernetes API");
        } else if (state instanceof ConnectionState.Connecting c) {
            // the detail is a whole sentence ("Connecting to payments at https://...")
            log(Level.INFO, name(ref), c.detail() == null || c.detail().isBlank() ? "Connecting" : c.detail());
        }
    }

    private static String name(ClusterRef ref) {
        return ref.name() + " · " + ref.region();
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    public ObservableList<ActivityRow> rows() {
        return rows;
    }
}
