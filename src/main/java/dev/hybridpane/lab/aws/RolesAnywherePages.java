package dev.hybridpane.lab.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pages of the Roles Anywhere List calls ({@code pageSize}, {@code nextToken}). A token is opaque and bound to
 * the call that issued it (operation and region), signed with a key of this emulator: a token that this lab did
 * not issue, or issued for another call, is refused with a ValidationException. The API reference gives no default
 * or maximum page size; the lab pages by 50 unless asked otherwise (or capped by the emulator's test page size).
 */
final class RolesAnywherePages {
    static final int DEFAULT_PAGE_SIZE = 50;

    private final byte[] key = new byte[32];
    private final int cap;

    /** {@code cap} > 0: no page holds more than that many items (tests exercise the clients' paginators). */
    RolesAnywherePages(int cap) {
        new SecureRandom().nextBytes(key);
        this.cap = cap;
    }

    /** One page of a list, and the token of the next one (null on the last page). */
    record Page<T>(List<T> items, String nextToken) {
        Page {
            items = List.copyOf(items);
        }
    }

    /** A pageSize or nextToken that the service refuses; the message is the ValidationException's. */
    static final class InvalidPageRequest extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPageRequest(String message) {
            super(message);
        }
    }

    <T> Page<T> page(List<T> all, String operation, AwsRequest r) throws InvalidPageRequest {
        String call = operation + "/" + r.region();
        int size = DEFAULT_PAGE_SIZE;
        String sizeParam = r.param("pageSize").orElse(null);
        if (sizeParam != null) {
            if (!sizeParam.matches("-?\\d{1,9}") || Integer.parseInt(sizeParam) < 1) {
                throw new InvalidPageRequest("1 validation error detected: Value '" + sizeParam
                        + "' at 'pageSize' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            size = Integer.parseInt(sizeParam);
        }
        if (cap > 0) {
            size = Math.min(size, cap);
        }
        String token = r.param("nextToken").orElse(null);
        int from = token == null ? 0 : offset(token, call);
        int start = Math.min(from, all.size());
        int to = Math.min(all.size(), start + size);
        return new Page<>(all.subList(start, to), to < all.size() ? token(call, to) : null);
    }

    private String token(String call, int offset) {
        String body = call + "|" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString((body + "|" + mac(body)).getBytes(StandardCharsets.UTF_8));
    }

    private int offset(String token, String call) throws InvalidPageRequest {
        InvalidPageRequest invalid = new InvalidPageRequest("Invalid nextToken: it was not issued for this request.");
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        int bar = text.lastIndexOf('|');
        if (bar < 0) {
            throw invalid;
        }
        String body = text.substring(0, bar);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.UTF_8), text.substring(bar + 1).getBytes(StandardCharsets.UTF_8))
                || !body.startsWith(call + "|")) {
            throw invalid;
        }
        return Integer.parseInt(body.substring(call.length() + 1));
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
