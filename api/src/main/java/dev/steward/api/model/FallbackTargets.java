package dev.steward.api.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The endpoints that serve a route whose own group has no usable target. */
public record FallbackTargets(List<Target> targets) implements Broadcast {
    public static final FallbackTargets NONE = new FallbackTargets(List.of());

    public FallbackTargets {
        String field = BroadcastKind.FALLBACK_TARGETS.field();
        if (targets == null) {
            throw new InvalidBroadcastException(field, "is required");
        }
        if (targets.size() > TargetGroup.MAX_TARGETS) {
            throw new InvalidBroadcastException(field,
                    "must hold at most " + TargetGroup.MAX_TARGETS + " targets, found " + targets.size());
        }
        Map<String, Integer> replicaIds = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String path = field + "[" + i + "]";
            if (target == null) {
                throw new InvalidBroadcastException(path, "is null");
            }
            Integer earlier = replicaIds.putIfAbsent(target.replicaId(), i);
            if (earlier != null) {
                throw new InvalidBroadcastException(path + ".replicaId",
                        "duplicates " + field + "[" + earlier + "].replicaId " + ModelRules.quote(target.replicaId()));
            }
            earlier = addresses.putIfAbsent(target.address(), i);
            if (earlier != null) {
                throw new InvalidBroadcastException(path + ".port",
                        "duplicates the address of " + field + "[" + earlier + "] (" + target.address() + ")");
            }
        }
        targets = List.copyOf(targets);
    }

    @Override
    public BroadcastKind kind() {
        return BroadcastKind.FALLBACK_TARGETS;
    }
}
