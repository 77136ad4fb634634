package dev.hybridpane.adapters.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.adapters.aws.SsoTokenCache;
import dev.hybridpane.adapters.edge.FileKnownHostsStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HybridPane's known_hosts and the aws CLI's SSO token cache are written as the settings and journals are: a process
 * killed with SIGKILL in the middle of a write leaves its {@code .NAME.PID-RANDOM.hybridpane-tmp} (with half a token in it,
 * for the cache), and the next start (the store opened again) deletes it; the file itself is untouched. Temporary files of
 * the earlier naming go once they are old; files of other programs (the aws CLI's own) stay.
 */
class AtomicFilesKillTest {
    @TempDir
    Path dir;

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Starts a JVM that begins an atomic write of {@code file}, kills it (SIGKILL) mid-write, returns the litter. */
    static Path killMidWrite(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), InterruptedWriter.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("writing");
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            List<Path> left = s.filter(x -> x.getFileName().toString().endsWith(AtomicFiles.SUFFIX)).toList();
            assertThat(left).as("the killed write's temporary file").singleElement().satisfies(x -> assertThat(x.getFileName()
                    .toString()).startsWith("." + file.getFileName() + "." + p.pid() + "-"));
            return left.get(0);
        }
    }

    static Path plant(Path d, String name, Duration age) throws IOException {
        Path p = Files.writeString(d.resolve(name), "x");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    void theNextStartDeletesIt(Path file, String before, Consumer<Path> start) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, before);
        Path litter = killMidWrite(file);
        assertThat(Files.readString(file)).as("the file is as it was").isEqualTo(before);
        start.accept(file);
        assertThat(litter).as("swept when the store opened").doesNotExist();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aKnownHostsWriteKilledMidwayLeavesNothingAfterTheNextStart() throws Exception {
        Path file = dir.resolve("config/known_hosts");
        theNextStartDeletesIt(file, "# HybridPane known hosts (public host keys only)\n", FileKnownHostsStore::new);
        Path config = file.getParent();
        Path oldLegacy = plant(config, ".known_hosts8812734.tmp", Duration.ofMinutes(5));
        Path freshLegacy = plant(config, ".known_hosts99120.tmp", Duration.ZERO);
        Path mine = plant(config, ".known_hosts." + ProcessHandle.current().pid() + "-q1" + AtomicFiles.SUFFIX, Duration.ZERO);
        Path other = plant(config, "known_hosts.old", Duration.ofDays(3));
        new FileKnownHostsStore(file);
        assertThat(oldLegacy).as("an earlier version's, old").doesNotExist();
        assertThat(freshLegacy).as("an earlier version's, maybe in flight").exists();
        assertThat(mine).as("a write of a live process").exists();
        assertThat(other).as("not HybridPane's").exists();
    }

    @Test
    void anSsoTokenCacheWriteKilledMidwayLeavesNoHalfTokenAfterTheNextStart() throws Exception {
        Path cache = dir.resolve("home/.aws/sso/cache");
        Path file = cache.resolve("3953f9ddf975ab5097ee468d99555c5b441169bf.json");
        theNextStartDeletesIt(file, "{\"accessToken\": \"before\"}", f -> new SsoTokenCache(f.getParent()));
        Path oldLegacy = plant(cache, ".hybridpane-5577120.tmp", Duration.ofMinutes(5));
        Path theCliOwn = plant(cache, "d033e22ae348aeb5660fc2140aec35850c4da997.json", Duration.ofDays(1));
        Path botocore = plant(cache, "botocore-client-id-us-west-2.json.tmp", Duration.ofDays(1));
        new SsoTokenCache(cache);
        assertThat(oldLegacy).doesNotExist();
        assertThat(theCliOwn).exists();
        assertThat(botocore).exists();
        assertThat(names(cache)).containsExactly("3953f9ddf975ab5097ee468d99555c5b441169bf.json", "botocore-client-id-us-west-2.json.tmp",
                "d033e22ae348aeb5660fc2140aec35850c4da997.json");
    }
}
