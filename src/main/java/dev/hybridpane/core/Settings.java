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
 * @param profileAccounts the other accounts' roles the user picked for each AWS SSO profile, by profile name, as keys
 *                        "accountId/roleName" ({@link SsoAccounts.AccountRole#key()}): their clusters join the fleet
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
        Map<String, List<String>> profileRegions,
        Map<String, List<String>> profileAccounts) {

    public static final Settings DEFAULTS = new Settings("SYSTEM", Double.NaN, Double.NaN, 1360, 860, false, 0.55,
            "overview", null, List.of(), Map.of(), Map.of(), Map.of());

    /** Without accounts picked (settings written before they were remembered). */
    public Settings(String theme, double windowX, double windowY, double windowWidth, double windowHeight,
            boolean maximized, double detailDivider, String lastView, String profile, List<String> regions,
            Map<String, String> kubeContexts, Map<String, List<String>> profileRegions) {
        this(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, profile, regions,
                kubeContexts, profileRegions, Map.of());
    }

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
        Map<String, List<String>> picks = new LinkedHashMap<>();
        if (profileAccounts != null) {
            profileAccounts.forEach((p, keys) -> {
                if (p != null && keys != null && !keys.isEmpty()) {
                    picks.put(p, keys.stream().filter(k -> k != null && !k.isBlank()).distinct().toList());
                }
            });
        }
        profileAccounts = Collections.unmodifiableMap(picks);
    }

    /** The account/role keys picked for a profile ("accountId/roleName"), in the order picked; empty when none. */
    public List<String> accountsOf(String p) {
        return p == null ? List.of() : profileAccounts.getOrDefault(p, List.of());
    }

    /** The account/role keys picked for a profile; none forgets them. What else is remembered is unchanged. */
    public Settings withProfileAccounts(String p, List<String> keys) {
        Map<String, List<String>> picks = new LinkedHashMap<>(profileAccounts);
        if (p != null) {
            if (keys == null || keys.isEmpty()) {
                picks.remove(p);
            } else {
                picks.put(p, keys);
            }
        }
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView,
                profile, regions, kubeContexts, profileRegions, picks);
    }

    /** The regions the user picked for a profile, if any were remembered. */
    public Optional<List<String>> regionsOf(String p) {
        return Optional.ofNullable(profileRegions.get(p));
    }

    public Settings withTheme(String t) {
        return new Settings(t, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, profile,
                regions, kubeContexts, profileRegions, profileAccounts);
    }

    public Settings withWindow(double x, double y, double w, double h, boolean max) {
        return new Settings(theme, x, y, w, h, max, detailDivider, lastView, profile, regions, kubeContexts, profileRegions,
                profileAccounts);
    }

    public Settings withDetailDivider(double d) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, d, lastView, profile, regions,
                kubeContexts, profileRegions, profileAccounts);
    }

    public Settings withLastView(String v) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, v, profile,
                regions, kubeContexts, profileRegions, profileAccounts);
    }

    /** The profile and regions shown last; what each profile remembers is unchanged. */
    public Settings withProfile(String p, List<String> r) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, p, r,
                kubeContexts, profileRegions, profileAccounts);
    }

    /** The profile and regions shown last, remembered as that profile's own regions too. */
    public Settings withProfileRegions(String p, List<String> r) {
        Map<String, List<String>> perProfile = new LinkedHashMap<>(profileRegions);
        if (p != null && r != null && !r.isEmpty()) {
            perProfile.put(p, r);
        }
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView, p, r,
                kubeContexts, perProfile, profileAccounts);
    }

    public Settings withKubeContexts(Map<String, String> contexts) {
        return new Settings(theme, windowX, windowY, windowWidth, windowHeight, maximized, detailDivider, lastView,
                profile, regions, contexts, profileRegions, profileAccounts);
    }
}
