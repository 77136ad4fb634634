package dev.hybridpane.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hybridpane.app.Main;
import dev.hybridpane.lab.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * `hybridpane ...` in a child JVM (the test's class path), pointed at a lab of the test JVM through AWS_ENDPOINT_URL and
 * the lab's credentials, with its own HOME and config directory under {@code home}.
 */
final class ChildCli {
    private ChildCli() {
    }

    /** {@code ranMs}: from its first stdout line to its end (what a kill's random delay is drawn from). */
    record Exit(int code, List<String> out, List<String> err, boolean killed, long ranMs) {
    }

    static ProcessBuilder builder(Lab lab, Path home, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ENDPOINT_URL", lab.awsEndpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", Lab.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Lab.SECRET_ACCESS_KEY);
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", configHome(home).toString());
        return pb;
    }

    static Path configHome(Path home) {
        return home.resolve("config");
    }

    /** Runs it to its end; {@code onLine} sees each stdout line with its number (from 1) as it comes. */
    static Exit run(ProcessBuilder pb, BiConsumer<Integer, Process> onLine) throws IOException, InterruptedException {
        Process p = pb.start();
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> errs = CompletableFuture.runAsync(() -> new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8)).lines().forEach(err::add));
        long first = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                first = first == 0 ? System.nanoTime() : first;
                out.add(line);
                if (onLine != null) {
                    onLine.accept(out.size(), p);
                }
            }
        } catch (IOException e) {
            // the process was killed while its output was read
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
        try {
            errs.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stderr of a killed process: what was read is kept
        }
        return new Exit(p.exitValue(), out, err, p.exitValue() == 137, first == 0 ? 0 : (System.nanoTime() - first) / 1_000_000);
    }

    /** kill -9 of the process (SIGKILL: no shutdown hook runs). */
    static void kill9(Process p) {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code pb}, killed with kill -9 {@code delayMs} after its first stdout line. */
    static ChildCli.Exit killedAfter(ProcessBuilder pb, long delayMs) throws Exception {
        System.out.println("CHAOS-KILL9 kill -9 " + delayMs + " ms after the first line");
        return run(pb, (n, p) -> {
            if (n == 1) {
                new Thread(() -> {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                    kill9(p);
                }, "kill-9").start();
            }
        });
    }

    /** Temporary files of atomic writes left in the config directory. */
    static List<Path> litter(Path home) throws IOException {
        Path config = configHome(home);
        if (!Files.exists(config)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(config)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")
                    || f.getFileName().toString().endsWith(".hybridpane-tmp")).toList();
        }
    }
}
