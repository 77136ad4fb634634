package dev.hybridpane.core;

import dev.hybridpane.core.SsoAccounts.AccountRole;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.ClusterRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The account/role pairs picked for a profile as the settings remember them ("accountId/roleName",
 * {@link AccountRole#key()}), and the clusters found through them, which carry their account.
 */
public final class AccountPicks {
    private AccountPicks() {
    }

    /** A remembered key as a pair (the account's name is not remembered: its id stands for it); empty if malformed. */
    public static Optional<AccountRole> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new AccountRole(key.substring(0, slash).strip(), null, key.substring(slash + 1).strip()));
    }

    /** The well-formed keys as pairs, one per account (the first picked of an account wins: it finds the same clusters). */
    public static List<AccountRole> onePerAccount(List<String> keys) {
        Set<String> accounts = new LinkedHashSet<>();
        List<AccountRole> out = new ArrayList<>();
        for (String k : keys) {
            parse(k).filter(p -> accounts.add(p.accountId())).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** How a message names the pair: "account hybridpane-lab-staging (444455556666), role ReadOnlyAccess". */
    public static String label(AccountRole pick) {
        String account = pick.accountName().equals(pick.accountId()) ? pick.accountId()
                : pick.accountName() + " (" + pick.accountId() + ")";
        return "account " + account + ", role " + pick.roleName();
    }

    /** The cluster as found in {@code account} (null: the profile's own), its ref naming that account. */
    public static Cluster inAccount(Cluster c, String account) {
        ClusterRef ref = new ClusterRef(c.region(), c.name(), account);
        if (ref.equals(c.ref())) {
            return c;
        }
        return new Cluster(ref, c.arn(), c.version(), c.status(), c.endpoint(), c.endpointAccess(),
                c.authenticationMode(), c.ipFamily(), c.vpcId(), c.subnetIds(), c.securityGroupIds(),
                c.clusterSecurityGroupId(), c.serviceCidr(), c.remoteNodeCidrs(), c.remotePodCidrs(),
                c.certificateAuthority(), c.createdAt(), c.tags());
    }
}
