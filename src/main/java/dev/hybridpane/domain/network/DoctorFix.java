package dev.hybridpane.domain.network;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What fixes a failing check. An automatic fix names an action the doctor's plan → apply can run, with its parameters
 * (for example action {@code create-route}, params {@code routeTableId}, {@code destinationCidr}, {@code targetKind},
 * {@code targetId}); a manual fix is for the network team: exact instructions and a copyable snippet.
 */
public record DoctorFix(String action, Map<String, String> params, boolean automatic, String description, String snippet) {
    public static final DoctorFix NONE = new DoctorFix("", Map.of(), false, "", "");

    public DoctorFix {
        action = action == null ? "" : action;
        params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
        description = description == null ? "" : description;
        snippet = snippet == null ? "" : snippet;
    }

    public static DoctorFix automatic(String action, Map<String, String> params, String description) {
        return new DoctorFix(action, params, true, description, "");
    }

    public static DoctorFix manual(String description, String snippet) {
        return new DoctorFix("", Map.of(), false, description, snippet);
    }

    public boolean present() {
        return !description.isEmpty();
    }
}
