package dev.steward.etcd;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingDocumentParser;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.TargetGroups;
import java.util.Map;

/**
 * The values of the two state keys: each the JSON body of the HTTP API for its kind,
 * {@code {"targetGroups": [...]}} and {@code {"fallbackTargets": [...]}}, read with the same decoder
 * as a routing state file.
 */
final class StateDocuments {
    private static final ConfigRenderOptions JSON = ConfigRenderOptions.concise().setFormatted(true);

    private StateDocuments() {}

    /**
     * @param key the key it was read from, named in messages with the line: {@code /steward/state/target-groups:4}
     * @throws dev.steward.api.model.InvalidBroadcastException naming the key, the line and the field
     */
    static Broadcast decode(String key, String value, BroadcastKind kind) {
        return RoutingDocumentParser.parse(value, key, kind);
    }

    /** Formatted JSON, one field per line, so that an error in it names a useful line. */
    static String encode(TargetGroups groups) {
        return render(Map.of(BroadcastKind.TARGET_GROUPS.field(), groups.groups().stream().map(RoutingEncoder::group).toList()));
    }

    /** Formatted JSON, one field per line. */
    static String encode(FallbackTargets fallback) {
        return render(Map.of(BroadcastKind.FALLBACK_TARGETS.field(), RoutingEncoder.targets(fallback.targets())));
    }

    private static String render(Map<String, Object> tree) {
        return ConfigValueFactory.fromMap(tree).render(JSON) + "\n";
    }

    /** The value of a kind whose key is absent or deleted: none of it. */
    static Broadcast none(BroadcastKind kind) {
        return switch (kind) {
            case TARGET_GROUPS -> TargetGroups.NONE;
            case FALLBACK_TARGETS -> FallbackTargets.NONE;
            case TARGET_GROUP -> throw new IllegalArgumentException("etcd keeps no key per group");
        };
    }
}
