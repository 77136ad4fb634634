package dev.hybridpane.ui.shell;

import dev.hybridpane.ui.fleet.ClusterRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Jump to any view or cluster by typing part of its name. */
public final class CommandPaletteViewModel {
    private static final int MAX_RESULTS = 12;

    private final ObservableList<ClusterRow> clusters;
    private final Consumer<PaletteItem> onChoose;
    private final Supplier<List<PaletteItem>> commands;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteItem> results = FXCollections.observableArrayList();
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", 0);
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open");

    /** @param commands what the window can do from here ("Import cluster…", "Enable hybrid mode on payments…") */
    public CommandPaletteViewModel(ObservableList<ClusterRow> clusters, Consumer<PaletteItem> onChoose,
            Supplier<List<PaletteItem>> commands) {
        this.clusters = clusters;
        this.onChoose = onChoose;
        this.commands = commands;
        query.addListener((o, a, b) -> refresh());
    }

    public void show() {
        query.set("");
        refresh();
        open.set(true);
    }

    public void hide() {
        open.set(false);
    }

    public void moveSelection(int delta) {
        if (results.isEmpty()) {
            return;
        }
        int next = Math.floorMod(selectedIndex.get() + delta, results.size());
        selectedIndex.set(next);
    }

    /** Chooses the selected result (Enter). */
    public void choose() {
        int i = selectedIndex.get();
        if (i >= 0 && i < results.size()) {
            choose(results.get(i));
        }
    }

    public void choose(PaletteItem item) {
        open.set(false);
        onChoose.accept(item);
    }

    private void refresh() {
        List<PaletteItem> all = new ArrayList<>();
        for (NavTarget t : NavTarget.values()) {
            all.add(new PaletteItem(t.title(), "View", t, null));
        }
        for (ClusterRow r : clusters) {
            // a cluster of another account (a picked account/role pair) names its account
            all.add(new PaletteItem(r.cluster().name(), "Cluster · " + r.cluster().region() + " · Kubernetes "
                    + r.cluster().version() + (r.ref().inOtherAccount() ? " · account " + r.ref().account() : ""),
                    NavTarget.CLUSTERS, r.ref()));
        }
        all.addAll(commands.get());
        String q = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT);
        List<Scored> scored = new ArrayList<>();
        for (PaletteItem item : all) {
            int s = score(q, item.title().toLowerCase(Locale.ROOT), item.searchText());
            if (s > 0) {
                scored.add(new Scored(item, s));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed());
        results.setAll(scored.stream().limit(MAX_RESULTS).map(Scored::item).toList());
        selectedIndex.set(0);
    }

    /** Higher is better; 0 is no match. Prefix beats substring beats in-order letters. */
    static int score(String q, String title, String text) {
        if (q.isEmpty()) {
            return 1;
        }
        if (title.startsWith(q)) {
            return 1000 - title.length();
        }
        int at = title.indexOf(q);
        if (at >= 0) {
            return 800 - at;
        }
        if (text.contains(q)) {
            return 600;
        }
        int gaps = 0;
        int pos = -1;
        for (char c : q.toCharArray()) {
            if (c == ' ') {
                continue;
            }
            int next = title.indexOf(c, pos + 1);
            if (next < 0) {
                return 0;
            }
            gaps += pos < 0 ? 0 : next - pos - 1;
            pos = next;
        }
        return Math.max(1, 400 - gaps * 5);
    }

    private record Scored(PaletteItem item, int score) {
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteItem> results() {
        return results;
    }

    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    public BooleanProperty openProperty() {
        return open;
    }
}
