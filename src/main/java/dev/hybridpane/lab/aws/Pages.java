package dev.hybridpane.lab.aws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Offset pagination with opaque tokens, as the AWS list and describe calls page. {@code next} is null on the last page.
 * A token is the offset and an HMAC-SHA256 over the call and the offset, keyed by a random key of this JVM: a token
 * the lab did not issue, one issued for another call (another operation, region, resource or filter), or one past the
 * end of the list as it is now (stale) is refused with {@link BadTokenException}, never an index error.
 */
record Pages<T>(List<T> items, String next) {
    private static final byte[] KEY = randomKey();
    private static final int MAC_BYTES = 16;

    static final class BadTokenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadTokenException() {
            super("The pagination token is invalid.");
        }
    }

    /** As {@link #of(String, List, String, int)} for a call that names no key: tokens are checked, not bound. */
    static <T> Pages<T> of(List<T> all, String token, int size) {
        return of("", all, token, size);
    }

    /**
     * One page of {@code all} from {@code token} (null or empty: the first), at most {@code size} items (<= 0: all).
     * {@code call} names what is listed (e.g. "eks:ListAccessEntries us-west-2/retail-edge"); only tokens issued for
     * the same call are accepted.
     */
    static <T> Pages<T> of(String call, List<T> all, String token, int size) {
        int from = token == null || token.isEmpty() ? 0 : decode(call, token);
        if (from > all.size()) {
            throw new BadTokenException();
        }
        if (size <= 0) {
            return new Pages<>(List.copyOf(all.subList(from, all.size())), null);
        }
        int to = Math.min(all.size(), from + size);
        return new Pages<>(List.copyOf(all.subList(from, to)), to < all.size() ? encode(call, to) : null);
    }

    private static String encode(String call, int offset) {
        ByteBuffer b = ByteBuffer.allocate(4 + MAC_BYTES);
        b.putInt(offset).put(mac(call, offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static int decode(String call, String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new BadTokenException();
        }
        if (raw.length != 4 + MAC_BYTES) {
            throw new BadTokenException();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        int offset = b.getInt();
        byte[] mac = Arrays.copyOfRange(raw, 4, raw.length);
        if (offset < 0 || !MessageDigest.isEqual(mac, mac(call, offset))) {
            throw new BadTokenException();
        }
        return offset;
    }

    private static byte[] mac(String call, int offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] full = mac.doFinal((call + "\n" + offset).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
