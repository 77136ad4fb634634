package dev.hybridpane.ui.shell;

import dev.hybridpane.core.CredentialProblem;
import dev.hybridpane.ui.fleet.FleetProblems;
import dev.hybridpane.ui.fleet.RegionFailure;
import java.util.List;

/**
 * The banner's content: why the fleet could not be listed, and the fix.
 *
 * @param danger        true: nothing could be listed (the credentials, the discovery); false: some regions failed
 * @param signInProfile the profile to sign in to AWS SSO, when signing in is the fix; else null
 * @param regions       how many regions failed (the banner offers their list when there are any)
 */
public record ProblemNotice(boolean danger, String title, String description, String signInProfile, int regions) {
    /** Regions named in the banner itself; the rest are in the list it opens. */
    static final int NAMED_REGIONS = 3;

    /** What the banner says about these problems, or null when there are none. */
    public static ProblemNotice of(FleetProblems problems) {
        List<RegionFailure> failed = problems.regions();
        CredentialProblem credentials = problems.credentialsProperty().get();
        if (credentials != null) {
            String text = credentials.detail().isEmpty() ? credentials.fix()
                    : credentials.detail() + "\n" + credentials.fix();
            return new ProblemNotice(true, credentials.title(), text, credentials.signInProfile(), failed.size());
        }
        String environment = problems.environmentErrorProperty().get();
        if (environment != null) {
            return new ProblemNotice(true, "Discovery failed", environment, null, failed.size());
        }
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (RegionFailure f : failed.subList(0, Math.min(NAMED_REGIONS, failed.size()))) {
            CredentialProblem p = f.problem();
            text.append(text.length() == 0 ? "" : "\n").append(f.region()).append(": ")
                    .append(p != null ? p.title().replace(" in " + f.region(), "") + ". " + p.fix() : f.reason());
        }
        if (failed.size() > NAMED_REGIONS) {
            text.append("\n…and ").append(failed.size() - NAMED_REGIONS).append(" more.");
        }
        String title = failed.size() == 1 ? "Clusters of " + failed.get(0).region() + " could not be listed"
                : "Clusters of " + failed.size() + " regions could not be listed";
        return new ProblemNotice(false, title, text.toString(), null, failed.size());
    }
}
