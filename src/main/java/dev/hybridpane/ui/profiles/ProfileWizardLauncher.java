package dev.hybridpane.ui.profiles;

import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.profile.ClusterProfile;
import java.util.function.Consumer;

/**
 * Opens the New profile / New version wizard over the window (the Profiles view's buttons call it on the FX thread).
 * {@code saved} runs on the FX thread with the profile as stored when the wizard saved something (not when it was
 * cancelled or the content was unchanged).
 */
public interface ProfileWizardLauncher {
    /** A new profile in {@code cluster}, starting from empty layers. */
    void newProfile(Cluster cluster, Consumer<ClusterProfile> saved);

    /** A new version of {@code base} (as read) in {@code cluster}, starting from its latest version's layers. */
    void newVersion(Cluster cluster, ClusterProfile base, Consumer<ClusterProfile> saved);
}
