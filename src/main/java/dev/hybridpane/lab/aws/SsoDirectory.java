package dev.hybridpane.lab.aws;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lab's IAM Identity Center: its AWS access portal (start URL), its one user, and the accounts and permission
 * sets assigned to that user. The primary account is the lab world's; a second account, {@link #SECOND_ACCOUNT_ID},
 * has clusters of its own (the world's clusters that name it: staging-edge), so that a view of many accounts has more
 * than one. Each assignment is a permission set, which Identity Center provisions in the account as a role named
 * {@code AWSReservedSSO_<permission set>_<16 hex digits>} under the path
 * {@code /aws-reserved/sso.amazonaws.com/<identity center Region>/} ({@link #roleArn}; IAM Identity Center user guide,
 * "Referencing permission sets in resource policies, Amazon EKS cluster config maps, and AWS KMS key policies").
 */
public final class SsoDirectory {
    /** The lab's AWS access portal URL: what an sso-session's sso_start_url names. */
    public static final String START_URL = "https://hybridpane-lab.awsapps.com/start";
    public static final String SECOND_ACCOUNT_ID = "444455556666";
    /** The Identity Center user who signs in (the session name of the roles' sessions). */
    public static final String USER = "lab-admin";

    /** An account as the portal's ListAccounts shows it. */
    public record Account(String accountId, String accountName, String emailAddress) {
    }

    private final String primaryAccountId;

    SsoDirectory(String primaryAccountId) {
        this.primaryAccountId = primaryAccountId;
    }

    public List<Account> accounts() {
        return List.of(new Account(primaryAccountId, "hybridpane-lab", "aws-lab@example.com"),
                new Account(SECOND_ACCOUNT_ID, "hybridpane-lab-staging", "aws-lab-staging@example.com"));
    }

    /** The permission sets the user may use in an account; empty for an account that is not assigned. */
    public List<String> roles(String accountId) {
        if (primaryAccountId.equals(accountId)) {
            return List.of("AdministratorAccess", "ReadOnlyAccess");
        }
        if (SECOND_ACCOUNT_ID.equals(accountId)) {
            return List.of("ReadOnlyAccess");
        }
        return List.of();
    }

    boolean assigned(String accountId, String roleName) {
        return roles(accountId).contains(roleName);
    }

    Optional<Account> account(String accountId) {
        return accounts().stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    /** The role Identity Center made for a permission set in an account (its name, without the path). */
    static String provisionedRoleName(String accountId, String permissionSet) {
        String hash = String.format(Locale.ROOT, "%08x%08x", (accountId + permissionSet).hashCode(),
                (permissionSet + accountId).hashCode());
        return "AWSReservedSSO_" + permissionSet + "_" + hash;
    }

    /**
     * The IAM ARN of that role, with its path: {@code arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/REGION/NAME}
     * (no Region segment when the identity source is in us-east-1). What an EKS access entry for it names.
     */
    public static String roleArn(String accountId, String permissionSet, String identityCenterRegion) {
        String region = "us-east-1".equals(identityCenterRegion) ? "" : identityCenterRegion + "/";
        return "arn:aws:iam::" + accountId + ":role/aws-reserved/sso.amazonaws.com/" + region
                + provisionedRoleName(accountId, permissionSet);
    }

    /** The principal of a session of that role, as GetCallerIdentity names it (no path: STS ARNs carry none). */
    static String sessionArn(String accountId, String permissionSet) {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + provisionedRoleName(accountId, permissionSet) + "/" + USER;
    }
}
