package dev.hybridpane.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hybridpane.adapters.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * The aws CLI's SSO token cache, the one file that HybridPane writes a secret to (so that the console and the CLI
 * share one sign-in): {@code ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json} with the
 * fields botocore's SSOTokenProvider and the SDK's OnDiskTokenManager read and write (startUrl, region, accessToken,
 * expiresAt as UTC ISO-8601 "2026-12-07T17:00:00Z", and refreshToken, clientId, clientSecret, registrationExpiresAt
 * when there are). The directory is made 0700 and the file 0600 where the file system has POSIX permissions; the file
 * is written to a temporary file and moved into place ({@link AtomicFiles}: a token in a temporary file that a killed
 * process left is deleted when the cache is next opened).
 */
public final class SsoTokenCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The temporary files of versions before {@link AtomicFiles} ({@code Files.createTempFile(dir, ".hybridpane-", ".tmp")}). */
    static final Pattern EARLIER = Pattern.compile("\\.hybridpane-\\d+\\.tmp");
    private final Path dir;

    /** The cache in {@code dir}; the temporary files that interrupted writes left there are deleted ({@link AtomicFiles}). */
    public SsoTokenCache(Path dir) {
        this.dir = dir;
        AtomicFiles.sweep(dir, EARLIER);
    }

    /**
     * The user's cache: ~/.aws/sso/cache, with ~ found as the SDK and the aws CLI find it (the HOME variable first, then
     * the JVM's user.home), so that all three share one file even when HOME is set for a session.
     */
    public static SsoTokenCache user() {
        return new SsoTokenCache(Path.of(UserHomeDirectoryUtils.userHomeDirectory(), ".aws", "sso", "cache"));
    }

    public Path file(SsoSession session) {
        return dir.resolve(session.cacheKey() + ".json");
    }

    /** The cached token of that session; empty when there is none or it cannot be read as one. */
    public Optional<SsoCachedToken> read(SsoSession session) {
        Path f = file(session);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (text(n, "accessToken") == null || text(n, "expiresAt") == null) {
                return Optional.empty();
            }
            return Optional.of(new SsoCachedToken(text(n, "startUrl"), text(n, "region"), text(n, "accessToken"),
                    instant(text(n, "expiresAt")), text(n, "refreshToken"), text(n, "clientId"), text(n, "clientSecret"),
                    instant(text(n, "registrationExpiresAt"))));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Writes (or replaces) the session's token. */
    public Path write(SsoSession session, SsoCachedToken t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("startUrl", t.startUrl()).put("region", t.region()).put("accessToken", t.accessToken())
                .put("expiresAt", iso(t.expiresAt()));
        if (t.refreshToken() != null) {
            n.put("refreshToken", t.refreshToken());
        }
        if (t.clientId() != null) {
            n.put("clientId", t.clientId()).put("clientSecret", t.clientSecret())
                    .put("registrationExpiresAt", iso(t.registrationExpiresAt()));
        }
        Path target = file(session);
        try {
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            byte[] bytes = JSON.writeValueAsBytes(n);
            AtomicFiles.write(target, tmp -> Files.write(tmp, bytes));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the SSO token cache " + target, e);
        }
    }

    /** UTC ISO-8601 to the second, as the aws CLI writes it: 2026-12-07T17:00:00Z. */
    static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        // the CLI writes "Z"; older writers used "UTC" or an offset
        String t = text.endsWith("UTC") ? text.substring(0, text.length() - 3) + "Z" : text;
        return OffsetDateTime.parse(t).toInstant();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
