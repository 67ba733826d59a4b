package dev.steward.api.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one object of a plain tree (maps, lists, strings, numbers, booleans) with its full path, so
 * that every type error names the field, and rejects keys it was not told about.
 */
final class TreeReader {
    private final String path;
    private final Map<?, ?> values;

    private TreeReader(String path, Map<?, ?> values) {
        this.path = path;
        this.values = values;
    }

    static TreeReader object(String path, Object tree, Set<String> allowedKeys) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new InvalidBroadcastException(path, "expected an object, found " + describe(tree));
        }
        Set<String> unknown = new TreeSet<>();
        for (Object key : map.keySet()) {
            if (!allowedKeys.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new InvalidBroadcastException(child(path, first),
                    "unknown field; expected one of " + new TreeSet<>(allowedKeys));
        }
        return new TreeReader(path, map);
    }

    String path(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new InvalidBroadcastException(path(key), "is required");
        }
        return value;
    }

    String string(String key) {
        Object value = raw(key);
        if (!(value instanceof String text)) {
            throw new InvalidBroadcastException(path(key), "expected a string, found " + describe(value));
        }
        return text;
    }

    Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    int integer(String key) {
        return integer(path(key), raw(key));
    }

    int integer(String key, int defaultValue) {
        return has(key) ? integer(key) : defaultValue;
    }

    List<?> list(String key) {
        Object value = raw(key);
        if (!(value instanceof List<?> list)) {
            throw new InvalidBroadcastException(path(key), "expected an array, found " + describe(value));
        }
        return list;
    }

    static int integer(String field, Object value) {
        if (!(value instanceof Number number)) {
            throw new InvalidBroadcastException(field, "expected an integer, found " + describe(value));
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        try {
            BigInteger exact = decimal.toBigIntegerExact();
            if (exact.bitLength() >= Integer.SIZE) {
                throw new InvalidBroadcastException(field, "expected an integer, found " + number + " (out of range)");
            }
            return exact.intValue();
        } catch (ArithmeticException fractional) {
            throw new InvalidBroadcastException(field, "expected an integer, found " + number);
        }
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> "string " + ModelRules.quote(text);
            case Number number -> "number " + number;
            case Boolean bool -> "boolean " + bool;
            case Map<?, ?> ignored -> "an object";
            case List<?> ignored -> "an array";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
