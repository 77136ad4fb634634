package dev.hybridpane.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the workstation remembers between runs. No secrets, ever.
 *
 * @param theme SYSTEM, LIGHT or DARK
 * @param profile the profile shown last
 * @param regions the regions shown last (of {@code profile})
 * @param kubeContexts cluster key ("region/name") to kubeconfig context, for clusters reached through kubeconfig
 * @param profileRegions the regions the user picked for each profile, by profile name
 */
public record Settings(
        String theme,
        double windowX,
        double windowY,
        double windowWidth,
        double windowHeight,
        boolean maximized,
        double detailDivider,
        String lastView,
        String profile,
        List<String> regions,
        Map<String, String> kubeContexts,
        Map<String, List<String>> profileRegions) {

    public static final Settings DEFAULTS = new Settings("SYSTEM", Double.NaN, Double.NaN, 1360, 860, false, 0.55,
            "overview", null, List.of(), Map.of(), Map.of());

    public Settings {
        regions = List.copyOf(regions == null ? List.of() : regions);
        kubeContexts = Map.copyOf(kubeContexts == null ? Map.of() : kubeContexts);
        theme = theme == null ? "SYSTEM" : theme;
        Map<String, List<String>> perProfile = new LinkedHashMap<>();
        if (profileRegions != null) {
            profileRegions.forEach((p, r) -> {
                if (p != null && r != null && !r.isEmpty()) {
                    perProfile.put(p, List.copyOf(r));
                }
            });
        }
        profileRegions = Collections.unmodifiableMap(perProfile);
    }

    /** The regions the user picked for a profile, if any were remembered. */
    public Optional<List<String>> regionsOf(String p) {
        return Optional.ofNullable(profileRegions.get(p));
    }

    public Settings withTheme(String t) {
        return new Settings(t, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, profile,
                regions, kubeContexts, profileRegions);
    }

    public Settings withWindow(double x, double y, double w, double h, boolean max) {
        return new Settings(theme, x, y, w, h, max, detailDivider, lastView, profile, regions, kubeContexts, profileRegions);
    }

    public Settings withDetailDivider(double d) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, d, lastView, profile, regions,
                kubeContexts, profileRegions);
    }

    public Settings withLastView(String v) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, v, profile,
                regions, kubeContexts, profileRegions);
    }

    /** The profile and regions shown last; what each profile remembers is unchanged. */
    public Settings withProfile(String p, List<String> r) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, p, r,
                kubeContexts, profileRegions);
    }

    /** The profile and regions shown last, remembered as that profile's own regions too. */
    public Settings withProfileRegions(String p, List<String> r) {
        Map<String, List<String>> perProfile = new LinkedHashMap<>(profileRegions);
        if (p != null && r != null && !r.isEmpty()) {
            perProfile.put(p, r);
        }
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, p, r,
                kubeContexts, perProfile);
    }

    public Settings withKubeContexts(Map<String, String> contexts) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView,
                profile, regions, contexts, profileRegions);
    }
}
