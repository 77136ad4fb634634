package dev.hybridpane.ui;

import dev.hybridpane.core.hybrid.CertificateAuthorityPort;
import dev.hybridpane.core.hybrid.HybridSetupService;
import dev.hybridpane.core.ops.JournalStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the import and enable-hybrid wizards run on, given by the composition root: the use cases for a profile
 * (opening them is blocking: call it off the FX thread), the operation journals and the local CA.
 *
 * @param setups the use cases for an AWS profile name; the composition root owns and closes what it opens
 * @param journals where operations are journalled (the Activity view lists them)
 * @param certificateAuthority reads or generates the Roles Anywhere CA; the key goes only to the user's file
 */
public record HybridTools(Function<String, HybridSetupService> setups, JournalStore journals,
        CertificateAuthorityPort certificateAuthority) {
    public HybridTools {
        Objects.requireNonNull(setups, "setups");
        Objects.requireNonNull(journals, "journals");
        Objects.requireNonNull(certificateAuthority, "certificateAuthority");
    }
}
