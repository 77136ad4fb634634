package dev.hybridpane.ui;

import dev.hybridpane.core.AwsPort;
import dev.hybridpane.core.SsoAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * IAM Identity Center in memory: the pairs each profile may use, a failure to throw instead, and what opens a pair's
 * AWS. Records the profiles listed and the pairs opened.
 */
public final class FakeSsoAccounts implements SsoAccounts {
    public final Map<String, List<AccountRole>> pairs = new ConcurrentHashMap<>();
    public final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    public final List<String> listed = new ArrayList<>();
    public final List<AccountRole> opened = new ArrayList<>();
    /** Opens a pair's AWS (null: opening refuses). */
    public volatile BiFunction<String, AccountRole, AwsPort> open;

    @Override
    public boolean supports(String profile) {
        return pairs.containsKey(profile) || failures.containsKey(profile);
    }

    @Override
    public synchronized List<AccountRole> list(String profile) {
        listed.add(profile);
        RuntimeException f = failures.get(profile);
        if (f != null) {
            throw f;
        }
        return pairs.getOrDefault(profile, List.of());
    }

    @Override
    public synchronized AwsPort open(String profile, AccountRole pick) {
        opened.add(pick);
        if (open == null) {
            throw new IllegalStateException("No AWS for " + pick.label() + " in this test.");
        }
        return open.apply(profile, pick);
    }
}
