package dev.hybridpane.lab.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Offset pagination with opaque tokens, as the AWS list and describe calls page.
 * {@code next} is null on the last page.
 */
record Pages<T>(List<T> items, String next) {

    static final class BadTokenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadTokenException() {
            super("The pagination token is invalid.");
        }
    }

    /** One page of {@code all} from {@code token} (null: the first), at most {@code size} items (<= 0: all). */
    static <T> Pages<T> of(List<T> all, String token, int size) {
        int from = token == null || token.isEmpty() ? 0 : decode(token);
        if (from > all.size()) {
            throw new BadTokenException();
        }
        if (size <= 0) {
            return new Pages<>(List.copyOf(all.subList(from, all.size())), null);
        }
        int to = Math.min(all.size(), from + size);
        return new Pages<>(List.copyOf(all.subList(from, to)), to < all.size() ? encode(to) : null);
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(("lab-page:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("lab-page:")) {
                throw new BadTokenException();
            }
            return Integer.parseInt(s.substring("lab-page:".length()));
        } catch (IllegalArgumentException e) {
            throw new BadTokenException();
        }
    }
}
