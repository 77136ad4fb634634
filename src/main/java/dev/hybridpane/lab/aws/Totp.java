package dev.hybridpane.lab.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP as RFC 6238 defines it for a virtual MFA device: HOTP (RFC 4226, HMAC-SHA-1, dynamic truncation) of the
 * number of 30-second steps since the Unix epoch, 6 digits. The secret is the base32 seed (RFC 4648) that an
 * authenticator app is given.
 */
public final class Totp {
    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The code for the 30-second step that holds {@code at}. */
    public static String code(String base32Secret, Instant at) {
        return hotp(base32(base32Secret), Math.floorDiv(at.getEpochSecond(), STEP_SECONDS));
    }

    /** HOTP(K, C) with SHA-1, truncated to 6 digits (RFC 4226 section 5.3). */
    static String hotp(byte[] key, long counter) {
        byte[] h;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
    }

    /** Base32 (RFC 4648) without padding; spaces and case ignored. */
    static byte[] base32(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).replace(" ", "").replace("=", "").toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
