package dev.hybridpane.lab.aws;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real aws CLI, when installed, with dummy credentials and nothing of the user's configuration. */
public final class AwsCli {
    /** What a run printed and how it ended. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private AwsCli() {
    }

    /** The aws executable on PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code aws args...} with these credentials, region us-east-1, HOME and the config files in {@code home}. */
    public static Run run(Path aws, Path home, String accessKeyId, String secretAccessKey, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile(home, "aws", ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", secretAccessKey,
                "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_MAX_ATTEMPTS", "1", "AWS_PAGER", "", "HOME", home.toString()));
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("aws " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }
}
