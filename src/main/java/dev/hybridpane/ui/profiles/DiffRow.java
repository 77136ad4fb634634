package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.profile.FieldChange;

/**
 * One line of the side-by-side diff: the layer, the field within it, and its value in the "from" and "to" versions
 * (null: absent there).
 */
public record DiffRow(String layer, String field, String from, String to) {

    public static DiffRow of(FieldChange c) {
        String prefix = c.layer() + ".";
        String field = c.path().startsWith(prefix) ? c.path().substring(prefix.length()) : c.path();
        return new DiffRow(c.layer(), field, c.before(), c.after());
    }

    public String layerTitle() {
        return ProfileLayerFields.title(layer);
    }

    public String fromText() {
        return from == null ? "(none)" : from;
    }

    public String toText() {
        return to == null ? "(none)" : to;
    }
}
