package dev.hybridpane.ui;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the UI is told about the environment it opened on, built by the composition root. The UI shows and offers what
 * this says and never asks what kind of environment it is.
 *
 * @param badge            a short tag shown in the top bar instead of the profile (null: none, the profile shows)
 * @param headline         the few words shown beside the badge (null with no badge)
 * @param summary          one sentence about the environment, for the badge's tooltip and Settings (null: none)
 * @param namesAccount     whether the top bar names the AWS account (read with STS GetCallerIdentity)
 * @param allRegionsFirst  whether a first start shows every region on offer, rather than one
 * @param suggestedKeyFile an SSH key file to offer when a host is added (gives null when there is none to offer)
 * @param sampleHostsCsv   hosts to offer in Import CSV, as CSV text (gives null when there are none)
 */
public record EnvironmentInfo(String badge, String headline, String summary, boolean namesAccount, boolean allRegionsFirst,
        Supplier<String> suggestedKeyFile, Supplier<String> sampleHostsCsv) {

    public EnvironmentInfo {
        Objects.requireNonNull(suggestedKeyFile, "suggestedKeyFile");
        Objects.requireNonNull(sampleHostsCsv, "sampleHostsCsv");
    }

    /** An AWS account reached with the user's own profiles: names the account, suggests nothing. */
    public static EnvironmentInfo awsAccount() {
        return new EnvironmentInfo(null, null, null, true, false, () -> null, () -> null);
    }
}
