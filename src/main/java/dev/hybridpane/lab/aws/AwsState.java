package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.world.LabWorld;
import dev.hybridpane.lab.world.LabWorld.LabAccessEntry;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's accounts: clusters and their access entries, seeded from the {@link LabWorld} and
 * changeable at run time (later operations such as UpdateClusterConfig or CreateAccessEntry write here). The world's
 * own account ({@link #accountId()}) holds IAM, the lab user and most clusters; a cluster may be in another account
 * ({@link LabCluster#account()}), and the account-scoped services (EKS, EC2) show each caller its own account's.
 * A cluster is keyed by Region and name, which the world keeps unique across accounts.
 * Thread-safe: every method locks the state.
 */
final class AwsState {
    private static final Instant SEEDED = Instant.parse("2024-06-01T09:30:00.123Z");

    private final String accountId;
    private final String userName;
    private final List<String> regions;
    private final Map<String, LabCluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<LabAccessEntry>> accessEntries = new LinkedHashMap<>();
    private final Map<String, Instant> createdAt = new LinkedHashMap<>();

    AwsState(LabWorld world) {
        this.accountId = world.accountId();
        this.userName = world.userName();
        this.regions = world.regions();
        int i = 0;
        for (LabCluster c : world.clusters()) {
            String key = key(c.region(), c.name());
            clusters.put(key, c);
            accessEntries.put(key, new ArrayList<>(c.accessEntries()));
            createdAt.put(key, SEEDED.plus(Duration.ofDays(7L * i++)));
        }
    }

    static String key(String region, String name) {
        return region + "/" + name;
    }

    String accountId() {
        return accountId;
    }

    String userName() {
        return userName;
    }

    String userArn() {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    /** A stable IAM unique id for the lab user (AIDA...). */
    String userId() {
        return "AIDA" + Integer.toHexString(userName.hashCode()).toUpperCase(Locale.ROOT) + "LAB0EXAMPLE";
    }

    Instant userCreatedAt() {
        return SEEDED.minus(Duration.ofDays(90));
    }

    List<String> regions() {
        return regions;
    }

    synchronized List<LabCluster> clusters(String region) {
        return clusters.values().stream().filter(c -> c.region().equals(region)).toList();
    }

    synchronized Optional<LabCluster> cluster(String region, String name) {
        return Optional.ofNullable(clusters.get(key(region, name)));
    }

    /** The Region's clusters in one account: what that account's callers see. */
    synchronized List<LabCluster> clusters(String account, String region) {
        return clusters.values().stream().filter(c -> c.region().equals(region) && c.account().equals(account)).toList();
    }

    /** A cluster of that account; empty for another account's, as EKS answers a name it does not know there. */
    synchronized Optional<LabCluster> cluster(String account, String region, String name) {
        return cluster(region, name).filter(c -> c.account().equals(account));
    }

    synchronized void putCluster(LabCluster cluster) {
        String key = key(cluster.region(), cluster.name());
        clusters.put(key, cluster);
        accessEntries.computeIfAbsent(key, k -> new ArrayList<>());
        createdAt.putIfAbsent(key, Instant.now());
    }

    synchronized Instant createdAt(LabCluster cluster) {
        return createdAt.getOrDefault(key(cluster.region(), cluster.name()), SEEDED);
    }

    synchronized List<LabAccessEntry> accessEntries(String region, String name) {
        return List.copyOf(accessEntries.getOrDefault(key(region, name), List.of()));
    }

    synchronized boolean removeAccessEntry(String region, String name, String principalArn) {
        List<LabAccessEntry> list = accessEntries.get(key(region, name));
        return list != null && list.removeIf(e -> e.principalArn().equals(principalArn));
    }

    synchronized void putAccessEntry(String region, String name, LabAccessEntry entry) {
        List<LabAccessEntry> list = accessEntries.computeIfAbsent(key(region, name), k -> new ArrayList<>());
        list.removeIf(e -> e.principalArn().equals(entry.principalArn()));
        list.add(entry);
    }
}
