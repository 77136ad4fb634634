package dev.hybridpane.domain.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of the JSON-like values a profile holds (kubelet configuration): maps keep their
 * order, numbers are normalised (whole numbers to Long, others to Double) so that 110 read from YAML equals 110
 * typed in, and nulls are refused.
 */
final class Frozen {
    private Frozen() {
    }

    static List<String> strings(List<String> in, String what) {
        if (in == null) {
            return List.of();
        }
        for (String s : in) {
            if (s == null) {
                throw new IllegalArgumentException(what + " holds an empty entry");
            }
        }
        return List.copyOf(in);
    }

    static Map<String, String> stringMap(Map<String, String> in, String what) {
        if (in == null) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(what + " holds an entry without a key or value");
            }
            m.put(k, v);
        });
        return Collections.unmodifiableMap(m);
    }

    static Map<String, Object> tree(Map<String, ?> in, String what) {
        if (in == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value(in, what);
        return m;
    }

    private static Object value(Object v, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " holds a null value");
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> {
                if (k == null) {
                    throw new IllegalArgumentException(what + " holds an entry without a key");
                }
                m.put(k.toString(), value(x, what));
            });
            return Collections.unmodifiableMap(m);
        }
        if (v instanceof List<?> list) {
            List<Object> l = new ArrayList<>();
            list.forEach(x -> l.add(value(x, what)));
            return Collections.unmodifiableList(l);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return d.doubleValue();
            }
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        throw new IllegalArgumentException(what + " holds a " + v.getClass().getSimpleName()
                + "; only text, numbers, true/false, lists and maps are allowed");
    }
}
