/**
 * The New profile / New version wizard of cluster profiles: {@link dev.hybridpane.ui.profiles.wizard.ProfileWizards}
 * opens it for the Profiles view; {@link dev.hybridpane.ui.profiles.wizard.ProfileWizardViewModel} holds one step view
 * model per layer (Profile, OS, Kubernetes, Network) and the Review; the pages are made by {@code WizardView} only.
 */
package dev.hybridpane.ui.profiles.wizard;
