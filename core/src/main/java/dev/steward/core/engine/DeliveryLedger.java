package dev.steward.core.engine;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each source delivered last, as a digest per source and kind, so that a restart serves the
 * newest state: at start every source delivers its own last state, and one that equals what the same
 * source had delivered before the stop is not news (else the source started last would win, even with
 * an older state). The digests stored are those of the last applied state. Not thread-safe: the
 * engine calls it under its lock.
 */
final class DeliveryLedger {
    private final Map<String, String> restored;
    private final Map<String, String> current;
    private final Set<String> seenSinceStart = new HashSet<>();

    /** @param restored the digests stored with the last applied state */
    DeliveryLedger(Map<String, String> restored) {
        this.restored = Map.copyOf(requireNonNull(restored, "restored is null"));
        this.current = new LinkedHashMap<>(restored);
    }

    /**
     * The broadcasts of a delivery that are news: all of them, except, at a source's first delivery of
     * a kind since start, one that equals what that source delivered before the stop. Any later
     * delivery is news, the same one included: a controller that sends it again means it.
     */
    List<Broadcast> news(String source, List<Broadcast> broadcasts) {
        requireNonNull(source, "source is null");
        return broadcasts.stream()
                .filter(broadcast -> {
                    String key = key(source, broadcast);
                    return !seenSinceStart.add(key) || !digest(broadcast).equals(restored.get(key));
                })
                .toList();
    }

    /** {@code broadcasts}, news of {@code source}, are accepted. */
    void record(String source, List<Broadcast> broadcasts) {
        requireNonNull(source, "source is null");
        for (Broadcast broadcast : broadcasts) {
            current.put(key(source, broadcast), digest(broadcast));
        }
    }

    /** The digests of everything delivered so far: what a state that includes all of it is stored with. */
    Map<String, String> snapshot() {
        return Map.copyOf(current);
    }

    private static String key(String source, Broadcast broadcast) {
        String kind = source + " " + broadcast.kind().label();
        return switch (broadcast) {
            case TargetGroupPut put -> kind + " " + put.group().name();
            case TargetGroupRemoval removal -> kind + " " + removal.name();
            default -> kind;
        };
    }

    private static String digest(Broadcast broadcast) {
        Object tree = switch (broadcast) {
            case TargetGroups groups -> groups.groups().stream().map(RoutingEncoder::group).toList();
            case FallbackTargets fallback -> RoutingEncoder.targets(fallback.targets());
            case TargetGroupPut put -> RoutingEncoder.group(put.group());
            case TargetGroupRemoval removal -> "removed";
        };
        String canonical = ConfigValueFactory.fromAnyRef(tree).render(ConfigRenderOptions.concise());
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
