package dev.hybridpane.core;

import java.util.List;
import java.util.Map;

/**
 * What the workstation remembers between runs. No secrets, ever.
 *
 * @param theme SYSTEM, LIGHT or DARK
 * @param kubeContexts cluster key ("region/name") to kubeconfig context, for clusters reached through kubeconfig
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
        Map<String, String> kubeContexts) {

    public static final Settings DEFAULTS = new Settings("SYSTEM", Double.NaN, Double.NaN, 1360, 860, false, 0.55,
            "overview", null, List.of(), Map.of());

    public Settings {
        regions = List.copyOf(regions == null ? List.of() : regions);
        kubeContexts = Map.copyOf(kubeContexts == null ? Map.of() : kubeContexts);
        theme = theme == null ? "SYSTEM" : theme;
    }

    public Settings withTheme(String t) {
        return new Settings(t, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, profile,
                regions, kubeContexts);
    }

    public Settings withWindow(double x, double y, double w, double h, boolean max) {
        return new Settings(theme, x, y, w, h, max, detailDivider, lastView, profile, regions, kubeContexts);
    }

    public Settings withDetailDivider(double d) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, d, lastView, profile, regions,
                kubeContexts);
    }

    public Settings withLastView(String v) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, v, profile,
                regions, kubeContexts);
    }

    public Settings withProfile(String p, List<String> r) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, p, r,
                kubeContexts);
    }

    public Settings withKubeContexts(Map<String, String> contexts) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView,
                profile, regions, contexts);
    }
}
