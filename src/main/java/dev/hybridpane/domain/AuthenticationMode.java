package dev.hybridpane.domain;

import java.util.Locale;
/** The cluster's accessConfig.authenticationMode. */
public enum AuthenticationMode {
    API, API_AND_CONFIG_MAP, CONFIG_MAP, UNKNOWN;

    public static AuthenticationMode parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
