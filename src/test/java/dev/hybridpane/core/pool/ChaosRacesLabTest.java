package dev.hybridpane.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.core.ops.ChaosFigures;
import dev.hybridpane.core.ops.ChaosThrottle;
import dev.hybridpane.core.ops.Journal;
import dev.hybridpane.core.ops.KillPoints;
import dev.hybridpane.core.ops.OperationLock;
import dev.hybridpane.core.ops.OperationStatus;
import dev.hybridpane.core.profile.ProfileService;
import dev.hybridpane.core.profile.ProfileStore;
import dev.hybridpane.domain.pool.HybridNodePool;
import dev.hybridpane.domain.profile.ClusterProfile;
import dev.hybridpane.domain.profile.KubernetesLayer;
import dev.hybridpane.domain.profile.ProfileLayers;
import dev.hybridpane.domain.profile.ProfileVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races on the lab, production adapters. Two consoles (two fresh stores and services, two holders) apply one pool at
 * random start offsets, about 10 times: exactly one runs, the other is refused with a message naming the holder. Two saves
 * of one profile from the same base version (both read it before either writes), about 20 times: no write is lost, the
 * later one is told of the newer version (the product merges: it saves on top and reports the conflict).
 */
class ChaosRacesLabTest {
    @TempDir
    static Path dir;
    static PoolLab lab;
    static ChaosPool chaos;

    @BeforeAll
    static void start() throws Exception {
        lab = new PoolLab(dir);
        lab.importHosts("dallas-dc", "10.200.1.0/24", List.of("dallas-10"));
        PoolUpgradeLab.profile(lab);
        chaos = new ChaosPool(lab);
        ChaosThrottle.arm(lab.lab, "ChaosRacesLabTest");
        Journal j = chaos.apply(PoolUpgradeLab.pool("race", "dallas-dc", List.of("dallas-10")), w -> w, x -> { });
        assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            ChaosThrottle.report(lab.lab, "ChaosRacesLabTest");
            lab.close();
        }
    }

    @Test
    void twoConsolesOnOnePoolExactlyOneRunsTheOtherNamesTheHolder() throws Exception {
        KillPoints random = new KillPoints("two consoles", 10);
        int rounds = Math.max(10, random.points());
        HybridNodePool p = PoolUpgradeLab.pool("race", "dallas-dc", List.of("dallas-10"));
        int exactlyOne = 0;
        for (int r = 0; r < rounds; r++) {
            CountDownLatch tried = new CountDownLatch(2);
            String[] holders = {"alice on ws-1 #" + r, "bob on ws-2 #" + r};
            int[] offsets = {random.nextInt(100), random.nextInt(100)};
            List<CompletableFuture<Object>> runs = List.of(0, 1).stream().map(i -> CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(offsets[i]);
                    // the console that got the lease holds its run open until the other has tried
                    boolean[] once = {false};
                    Consumer<Journal> hold = j -> {
                        if (!once[0]) {
                            once[0] = true;
                            tried.countDown();
                            await(tried);
                        }
                    };
                    return (Object) chaos.apply(p, holders[i], w -> w, hold);
                } catch (OperationLock.LockedException e) {
                    tried.countDown();
                    return e;
                } catch (Exception e) {
                    tried.countDown();
                    throw new IllegalStateException(e);
                }
            })).toList();
            Object a = runs.get(0).get(120, TimeUnit.SECONDS);
            Object b = runs.get(1).get(120, TimeUnit.SECONDS);
            long ran = List.of(a, b).stream().filter(Journal.class::isInstance).count();
            assertThat(ran).as("round " + r + ": exactly one console runs (" + a + " / " + b + ")").isEqualTo(1);
            Journal j = (Journal) (a instanceof Journal ? a : b);
            OperationLock.LockedException refused = (OperationLock.LockedException) (a instanceof Journal ? b : a);
            String winner = holders[a instanceof Journal ? 0 : 1];
            assertThat(j.status()).as(String.valueOf(j.error())).isEqualTo(OperationStatus.SUCCEEDED);
            assertThat(refused.getMessage()).as("the refusal names the holder").contains(winner);
            System.out.println("CHAOS-RACE round " + r + " offsets " + offsets[0] + "/" + offsets[1] + " ms: " + winner
                    + " ran; the other: " + refused.getMessage());
            exactlyOne++;
        }
        ChaosFigures.row("two consoles, one pool", "race", rounds, exactlyOne, 0, chaos.cordoned("race"), 0,
                chaos.leaseHeld("race"));
        assertThat(chaos.leaseHeld("race")).isZero();
    }

    static void await(CountDownLatch l) {
        try {
            assertThat(l.await(60, TimeUnit.SECONDS)).as("the other console tried").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The store, its reads of the profile held at a barrier, so that both saves read the same base version. */
    static ProfileStore.Profiles sameBase(ProfileStore.Profiles store, CyclicBarrier barrier) {
        return new ProfileStore.Profiles() {
            boolean first = true;

            @Override
            public List<ClusterProfile> list() {
                return store.list();
            }

            @Override
            public Optional<ProfileStore.Stored> get(String name) {
                Optional<ProfileStore.Stored> s = store.get(name);
                if (first) {
                    first = false;
                    try {
                        barrier.await(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return s;
            }

            @Override
            public Map<String, Map<Integer, List<String>>> poolUsage() {
                return store.poolUsage();
            }

            @Override
            public ProfileStore.Stored create(ClusterProfile profile) {
                return store.create(profile);
            }

            @Override
            public ProfileStore.Stored update(ClusterProfile profile, String resourceVersion) {
                return store.update(profile, resourceVersion);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /** The profile's file with its latest layers, the kubelet's maxPods set to {@code pods}. */
    static ClusterProfile file(ClusterProfile base, int pods) {
        ProfileVersion v = base.latest();
        KubernetesLayer k = v.kubernetes();
        KubernetesLayer changed = new KubernetesLayer(k.version(), k.credentialProvider(), k.containerdSource(),
                Map.of("maxPods", pods), k.kubeletFlags(), k.containerdConfig());
        return ClusterProfile.create(base.name(), new ProfileLayers(v.os(), changed, v.network()), Instant.now(), "file");
    }

    @Test
    void twoSavesOfOneProfileFromTheSameBaseLoseNoWrite() throws Exception {
        int rounds = 20;
        int lost = 0;
        int told = 0;
        for (int r = 0; r < rounds; r++) {
            ClusterProfile base;
            try (ProfileStore.Profiles profiles = lab.profiles()) {
                base = profiles.get(PoolUpgradeLab.PROFILE).orElseThrow().profile();
            }
            int baseVersion = base.latest().number();
            CyclicBarrier barrier = new CyclicBarrier(2);
            int[] pods = {100 + 2 * r, 101 + 2 * r};
            ClusterProfile fileBase = base;
            List<CompletableFuture<ProfileService.ApplyResult>> saves = List.of(0, 1).stream().map(i -> CompletableFuture.supplyAsync(
                    () -> {
                        try (ProfileService s = new ProfileService(sameBase(lab.profiles(), barrier), "retail-edge", "1.31",
                                Clock.systemUTC())) {
                            return s.apply(file(fileBase, pods[i]), i == 0 ? "alice" : "bob", false);
                        }
                    })).toList();
            ProfileService.ApplyResult a = saves.get(0).get(60, TimeUnit.SECONDS);
            ProfileService.ApplyResult b = saves.get(1).get(60, TimeUnit.SECONDS);
            ClusterProfile after;
            try (ProfileStore.Profiles profiles = lab.profiles()) {
                after = profiles.get(PoolUpgradeLab.PROFILE).orElseThrow().profile();
            }
            List<String> stored = after.versions().stream().filter(v -> v.number() > baseVersion)
                    .map(v -> String.valueOf(v.kubernetes().kubeletConfig().get("maxPods"))).toList();
            boolean bothKept = stored.containsAll(List.of(String.valueOf(pods[0]), String.valueOf(pods[1]))) && stored.size() == 2;
            lost += bothKept ? 0 : 1;
            long conflicts = List.of(a, b).stream().filter(x -> x.conflict().isPresent()).count();
            told += conflicts == 1 ? 1 : 0;
            System.out.println("CHAOS-RACE profile save round " + r + " from v" + baseVersion + ": stored " + stored + "; "
                    + List.of(a, b).stream().map(x -> x.conflict().orElse("no conflict")).toList());
        }
        ChaosFigures.row("two profile saves, one base", "race", rounds, rounds - lost, lost, 0, 0, 0);
        assertThat(lost).as("rounds with a lost write").isZero();
        assertThat(told).as("rounds where the later save was told of the newer version").isEqualTo(rounds);
    }
}
