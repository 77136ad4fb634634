package dev.hybridpane.domain.profile;

import java.util.Objects;

/** A file the OS layer ensures on an agent-mode host: absolute path, text content, octal permissions ("0644"). */
public record ExtraFile(String path, String content, String permissions) {
    public static final String DEFAULT_PERMISSIONS = "0644";

    public ExtraFile {
        Objects.requireNonNull(path, "path");
        content = content == null ? "" : content;
        permissions = permissions == null || permissions.isBlank() ? DEFAULT_PERMISSIONS : permissions.strip();
    }
}
