package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.ModelRules;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Steward's keys live under a prefix (docs/etcd.md):
 * {@code <prefix>/state/target-groups} and {@code <prefix>/state/fallback-targets}, written by a
 * controller, and {@code <prefix>/acks/<node-id>}, written by each node under its lease.
 */
record KeyLayout(String prefix) {
    /** The kinds with a key of their own. */
    static final List<BroadcastKind> STATE_KINDS = List.of(BroadcastKind.TARGET_GROUPS, BroadcastKind.FALLBACK_TARGETS);

    static final String EXPECTED_PREFIX = "\"/\" followed by segments of [A-Za-z0-9_.-] separated by \"/\","
            + " without a trailing slash, such as /steward";

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    private static final String STATE = "/state/";
    private static final String ACKS = "/acks/";

    KeyLayout {
        requireNonNull(prefix, "prefix is null");
        if (!isPrefix(prefix)) {
            throw new IllegalArgumentException("prefix: expected " + EXPECTED_PREFIX + ", found " + ModelRules.quote(prefix));
        }
    }

    static boolean isPrefix(String value) {
        return PREFIX.matcher(value).matches();
    }

    /** Every key of the fleet: what is read at once and watched. */
    String all() {
        return prefix + "/";
    }

    /** @throws IllegalArgumentException for {@link BroadcastKind#TARGET_GROUP}: etcd keeps the groups in one key */
    String state(BroadcastKind kind) {
        return prefix + STATE + switch (kind) {
            case TARGET_GROUPS -> "target-groups";
            case FALLBACK_TARGETS -> "fallback-targets";
            case TARGET_GROUP -> throw new IllegalArgumentException("etcd keeps no key per group");
        };
    }

    String ack(String nodeId) {
        return prefix + ACKS + nodeId;
    }

    /** The kind a key holds, if it is one of the two state keys. */
    Optional<BroadcastKind> stateKind(String key) {
        for (BroadcastKind kind : STATE_KINDS) {
            if (state(kind).equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The node a key acknowledges for, if it is an acknowledgement key. */
    Optional<String> ackNode(String key) {
        String acks = prefix + ACKS;
        if (!key.startsWith(acks)) {
            return Optional.empty();
        }
        String node = key.substring(acks.length());
        return ModelRules.isName(node) ? Optional.of(node) : Optional.empty();
    }
}
