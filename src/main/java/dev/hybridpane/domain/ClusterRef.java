package dev.hybridpane.domain;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of an EKS cluster across regions and accounts.
 *
 * @param account the AWS account the cluster was found in when it is another account than the opened profile's own
 *                (an account/role pair picked through IAM Identity Center), or null for the profile's own account
 */
public record ClusterRef(String region, String name, String account) implements Comparable<ClusterRef> {
    private static final Comparator<String> ACCOUNTS = Comparator.nullsFirst(Comparator.naturalOrder());

    public ClusterRef {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        account = account == null || account.isBlank() ? null : account;
    }

    /** A cluster of the opened profile's own account. */
    public ClusterRef(String region, String name) {
        this(region, name, null);
    }

    /** Whether the cluster is of another account than the opened profile's own. */
    public boolean inOtherAccount() {
        return account != null;
    }

    @Override
    public int compareTo(ClusterRef o) {
        int c = name.compareTo(o.name);
        if (c != 0) {
            return c;
        }
        c = region.compareTo(o.region);
        return c != 0 ? c : ACCOUNTS.compare(account, o.account);
    }

    @Override
    public String toString() {
        return name + " (" + region + (account == null ? "" : ", account " + account) + ")";
    }
}
