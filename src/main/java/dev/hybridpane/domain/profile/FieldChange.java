package dev.hybridpane.domain.profile;

/**
 * One difference between two profile versions. {@code layer} is os, kubernetes or network; {@code path} the field
 * as the stored object names it ({@code kubernetes.kubeletConfig.maxPods}, {@code os.sysctl["vm.swappiness"]}).
 * {@code before} null: added (a key, or a list element); {@code after} null: removed.
 */
public record FieldChange(String layer, String path, String before, String after) {

    public boolean added() {
        return before == null && after != null;
    }

    public boolean removed() {
        return after == null && before != null;
    }
}
