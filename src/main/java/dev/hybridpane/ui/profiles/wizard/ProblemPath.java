package dev.hybridpane.ui.profiles.wizard;

import dev.hybridpane.domain.profile.ProfileProblem;

/**
 * A {@link ProfileProblem#field()} path within its layer, split the way a step maps it to a control:
 * {@code os.files[1].path} is field {@code files}, index 1; {@code os.sysctl.net.core.somaxconn} is field
 * {@code sysctl}, no index; {@code kubernetes.version} is field {@code version}.
 */
record ProblemPath(String layer, String field, int index) {
    static ProblemPath of(String path) {
        int dot = path.indexOf('.');
        String layer = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
            end++;
        }
        String field = rest.substring(0, end);
        int index = -1;
        if (end < rest.length() && rest.charAt(end) == '[') {
            int close = rest.indexOf(']', end);
            if (close > end) {
                try {
                    index = Integer.parseInt(rest.substring(end + 1, close));
                } catch (NumberFormatException e) {
                    index = -1; // a quoted map key, such as sysctl["a b"]
                }
            }
        }
        return new ProblemPath(layer, field, index);
    }
}
