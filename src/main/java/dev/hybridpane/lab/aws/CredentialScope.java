package dev.hybridpane.lab.aws;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope {@code AKID/date/region/service/aws4_request}, read from the
 * Authorization header or, for presigned URLs, the X-Amz-Credential query parameter: what a request claims, read
 * for routing. Whether the claim holds (the signature, the key, the date) is {@link SigV4Verifier}'s to say.
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    private static final Pattern HEADER = Pattern.compile("Credential=([^,\\s]+)");

    static Optional<CredentialScope> fromHeader(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256")) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(authorization);
        return m.find() ? parse(m.group(1)) : Optional.empty();
    }

    static Optional<CredentialScope> parse(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        String[] p = credential.split("/");
        if (p.length != 5 || !"aws4_request".equals(p[4])) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(p[0], p[1], p[2], p[3]));
    }

    @Override
    public String toString() {
        // the access key id is not a secret, but there is no need to spread it around
        return "CredentialScope[" + region + "/" + service + "]";
    }
}
