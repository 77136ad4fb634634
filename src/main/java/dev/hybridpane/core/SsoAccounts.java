package dev.hybridpane.core;

import java.util.List;
import java.util.Objects;

/**
 * The AWS accounts and roles an IAM Identity Center (AWS SSO) user may use, read from the AWS access portal with the
 * sign-in of an SSO profile: the account picker lists them, and the fleet opens one {@link AwsPort} per picked pair, so
 * that clusters of many accounts show in one view. Every method may block and throw {@link AwsFailure}: call it off the
 * FX thread.
 */
public interface SsoAccounts {
    /**
     * One account and role (permission set) the user may use.
     *
     * @param accountName the account's name as the access portal shows it
     */
    record AccountRole(String accountId, String accountName, String roleName) {
        public AccountRole {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(roleName, "roleName");
            accountName = accountName == null || accountName.isBlank() ? accountId : accountName;
        }

        /** "accountId/roleName": how the settings remember a pick. */
        public String key() {
            return accountId + "/" + roleName;
        }

        /** e.g. "hybridpane-lab-staging (444455556666) · ReadOnlyAccess". */
        public String label() {
            return accountName + " (" + accountId + ") · " + roleName;
        }
    }

    /** Says that no profile signs in through IAM Identity Center here (the lab's static keys, tests). */
    SsoAccounts NONE = new SsoAccounts() {
        @Override
        public boolean supports(String profile) {
            return false;
        }

        @Override
        public List<AccountRole> list(String profile) {
            return List.of();
        }

        @Override
        public AwsPort open(String profile, AccountRole pick) {
            throw new IllegalStateException("Profile " + profile + " does not sign in through AWS SSO: it cannot open "
                    + pick.label() + ".");
        }
    };

    /** Whether the profile signs in through IAM Identity Center (an sso-session, or the legacy sso_start_url). */
    boolean supports(String profile);

    /**
     * Every account the signed-in user may use, each with each of its roles (the portal's ListAccounts, then
     * ListAccountRoles per account, all pages), sorted by account name then role.
     *
     * @throws AwsFailure carrying a {@link CredentialProblem} when the user is not signed in or the session expired
     */
    List<AccountRole> list(String profile);

    /**
     * AWS for one picked pair, signed with the role's short-term credentials from the portal (GetRoleCredentials with
     * the profile's sign-in), fetched again before they expire.
     */
    AwsPort open(String profile, AccountRole pick);
}
