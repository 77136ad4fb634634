package dev.hybridpane.ui.pools.wizard;

import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.pool.PoolRules;
import dev.hybridpane.domain.pool.ProfileRef;
import dev.hybridpane.domain.pool.Taint;
import dev.hybridpane.domain.profile.ProfileProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Nodes step: the labels and taints the pool's nodes register with, in Kubernetes syntax (one a line, or separated
 * by commas: {@code key=value}; {@code key[=value]:Effect}), the one architecture its hosts must have (or any), and the
 * NTP servers set on its hosts. Each field is checked as typed with {@link PoolRules#validate}; its problems show
 * under it, the line named.
 */
public final class PoolNodeStepViewModel {
    /** The architecture choice that asks for none. */
    public static final String ANY = "any";
    public static final List<String> ARCHITECTURES = List.of(ANY, "amd64", "arm64");

    private final StringProperty labels = new SimpleStringProperty(this, "labels", "");
    private final StringProperty taints = new SimpleStringProperty(this, "taints", "");
    private final ObjectProperty<String> architecture = new SimpleObjectProperty<>(this, "architecture", ANY);
    private final StringProperty ntp = new SimpleStringProperty(this, "ntp", "");
    private final ReadOnlyStringWrapper labelsError = new ReadOnlyStringWrapper(this, "labelsError");
    private final ReadOnlyStringWrapper taintsError = new ReadOnlyStringWrapper(this, "taintsError");
    private final ReadOnlyStringWrapper architectureError = new ReadOnlyStringWrapper(this, "architectureError");
    private final ReadOnlyStringWrapper ntpError = new ReadOnlyStringWrapper(this, "ntpError");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private Map<String, String> labelMap = Map.of();
    private List<Taint> taintList = List.of();
    private List<String> ntpList = List.of();

    PoolNodeStepViewModel() {
        labels.addListener((o, a, b) -> validate());
        taints.addListener((o, a, b) -> validate());
        architecture.addListener((o, a, b) -> validate());
        ntp.addListener((o, a, b) -> validate());
    }

    private void validate() {
        List<String> labelErrors = new ArrayList<>();
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = entries(labels.get());
        for (int i = 0; i < lines.size(); i++) {
            String e = lines.get(i);
            int eq = e.indexOf('=');
            if (eq <= 0) {
                labelErrors.add("Entry " + (i + 1) + ": '" + e + "' is not key=value.");
            } else if (m.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip()) != null) {
                labelErrors.add("Entry " + (i + 1) + ": label " + e.substring(0, eq).strip() + " is given twice.");
            }
        }
        List<String> taintErrors = new ArrayList<>();
        List<Taint> t = new ArrayList<>();
        List<String> taintLines = entries(taints.get());
        for (int i = 0; i < taintLines.size(); i++) {
            String e = taintLines.get(i);
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                taintErrors.add("Entry " + (i + 1) + ": '" + e + "' is not key=value:Effect or key:Effect.");
                continue;
            }
            String kv = e.substring(0, colon);
            int eq = kv.indexOf('=');
            t.add(new Taint(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1), e.substring(colon + 1)));
        }
        labelMap = m;
        taintList = t;
        ntpList = entries(ntp.get());
        HybridNodePool draft = new HybridNodePool("draft", "draft", new ProfileRef("draft", 1), labelMap, taintList,
                architecture(), ntpList, List.of());
        List<ProfileProblem> problems = PoolRules.validate(draft, false);
        labelErrors.addAll(messages(problems, "labels"));
        taintErrors.addAll(messages(problems, "taints"));
        labelsError.set(joined(labelErrors));
        taintsError.set(joined(taintErrors));
        architectureError.set(joined(messages(problems, "architecture")));
        ntpError.set(joined(messages(problems, "ntpServers")));
        valid.set(labelsError.get() == null && taintsError.get() == null && architectureError.get() == null
                && ntpError.get() == null);
    }

    /** Lines and comma-separated entries, stripped, the empty ones dropped. */
    static List<String> entries(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("[\\n,]")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private static List<String> messages(List<ProfileProblem> problems, String field) {
        return problems.stream().filter(p -> p.isError() && (p.field().equals(field) || p.field().startsWith(field + "[")))
                .map(ProfileProblem::message).toList();
    }

    private static String joined(List<String> messages) {
        return messages.isEmpty() ? null : String.join("\n", messages);
    }

    public Map<String, String> labelMap() {
        return labelMap;
    }

    public List<Taint> taintList() {
        return taintList;
    }

    public List<String> ntpServers() {
        return ntpList;
    }

    /** "amd64", "arm64", or "" for any. */
    public String architecture() {
        String a = architecture.get();
        return a == null || ANY.equals(a) ? "" : a;
    }

    public StringProperty labelsProperty() {
        return labels;
    }

    public StringProperty taintsProperty() {
        return taints;
    }

    public ObjectProperty<String> architectureProperty() {
        return architecture;
    }

    public StringProperty ntpProperty() {
        return ntp;
    }

    public ReadOnlyStringProperty labelsErrorProperty() {
        return labelsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty taintsErrorProperty() {
        return taintsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty architectureErrorProperty() {
        return architectureError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ntpErrorProperty() {
        return ntpError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
