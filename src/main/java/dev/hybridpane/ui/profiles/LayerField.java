package dev.hybridpane.ui.profiles;

/** One readable field of a profile layer; {@code block}: multi-line text shown as it is (cloud-config, TOML). */
public record LayerField(String label, String value, boolean block) {

    static LayerField of(String label, String value) {
        return new LayerField(label, value == null || value.isBlank() ? "—" : value, false);
    }

    static LayerField block(String label, String value) {
        return value == null || value.isBlank() ? of(label, "") : new LayerField(label, value.stripTrailing(), true);
    }
}
