package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.watch.WatchEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what etcd holds under the prefix into what the engine and the fleet view need: each etcd
 * revision that touches a state key becomes one local revision, recorded in the {@link RevisionMap}, or
 * is rejected whole with the key, the line and the field; acknowledgement keys update the
 * {@link FleetAcks}. Called from the follower's thread only.
 */
final class StateDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(StateDelivery.class);

    private final KeyLayout layout;
    private final BroadcastSink sink;
    private final RevisionMap revisions;
    private final FleetAcks fleet;
    private final EtcdMetrics metrics;
    private long lastDelivered;

    StateDelivery(KeyLayout layout, BroadcastSink sink, RevisionMap revisions, FleetAcks fleet, EtcdMetrics metrics) {
        this.layout = requireNonNull(layout, "layout is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.revisions = requireNonNull(revisions, "revisions is null");
        this.fleet = requireNonNull(fleet, "fleet is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Everything read at {@code readRevision}: both kinds as one local revision, a missing key as none of
     * its kind, and every acknowledgement. The state's etcd revision is that of its newest key, which every
     * node names alike; after a compaction that hid a deletion it can be older than the last one
     * delivered, and the revision read at stands for it.
     */
    void readAll(List<KeyValue> entries, long readRevision) {
        EnumMap<BroadcastKind, KeyValue> state = new EnumMap<>(BroadcastKind.class);
        Map<String, Ack> acks = new HashMap<>();
        for (KeyValue entry : entries) {
            String key = EtcdClients.text(entry.getKey());
            layout.stateKind(key).ifPresent(kind -> state.put(kind, entry));
            layout.ackNode(key).ifPresent(node -> acks.put(node, ack(key, EtcdClients.text(entry.getValue()))));
        }
        fleet.replace(acks);
        metrics.fleet(fleet);
        LOG.info("read {} at etcd revision {}: {} state key(s), {} live node(s)", layout.all(), readRevision, state.size(),
                acks.size());
        if (state.isEmpty() && lastDelivered == 0) {
            LOG.warn("no routing state under {} yet; the last applied state keeps serving until a controller writes one",
                    layout.all());
            return;
        }
        long stateRevision = state.values().stream().mapToLong(KeyValue::getModRevision).max().orElse(readRevision);
        if (stateRevision == lastDelivered) {
            return;
        }
        Decoded decoded = new Decoded();
        for (BroadcastKind kind : KeyLayout.STATE_KINDS) {
            KeyValue entry = state.get(kind);
            if (entry == null) {
                decoded.broadcasts.add(StateDocuments.none(kind));
            } else {
                decoded.decode(layout.state(kind), EtcdClients.text(entry.getValue()), kind);
            }
        }
        deliver(stateRevision > lastDelivered ? stateRevision : readRevision, decoded);
    }

    /** One etcd revision seen by the watch: a controller's transaction, or a node's acknowledgement coming or going. */
    void changed(long revision, List<WatchEvent> events) {
        Decoded decoded = new Decoded();
        for (WatchEvent event : events) {
            String key = EtcdClients.text(event.getKeyValue().getKey());
            boolean put = event.getEventType() == WatchEvent.EventType.PUT;
            String value = EtcdClients.text(event.getKeyValue().getValue());
            layout.stateKind(key).ifPresent(kind -> {
                if (put) {
                    decoded.decode(key, value, kind);
                } else {
                    decoded.broadcasts.add(StateDocuments.none(kind));
                }
            });
            layout.ackNode(key).ifPresent(node -> {
                if (put) {
                    fleet.put(node, ack(key, value));
                } else {
                    fleet.remove(node);
                    LOG.info("node {} left the fleet: its acknowledgement is gone (etcd revision {})", node, revision);
                }
                metrics.fleet(fleet);
            });
        }
        if (!decoded.isEmpty()) {
            deliver(revision, decoded);
        }
    }

    private void deliver(long revision, Decoded decoded) {
        if (!decoded.problems.isEmpty()) {
            decoded.problems.forEach(sink::reject);
            LOG.warn("etcd revision {} rejected, the last good state keeps serving: {}", revision,
                    decoded.problems.stream().map(Throwable::getMessage).toList());
            return;
        }
        long local = sink.accept(decoded.broadcasts);
        revisions.record(local, revision);
        lastDelivered = revision;
        metrics.revision("delivered", revision);
        LOG.info("etcd revision {} accepted as revision {} ({})", revision, local,
                decoded.broadcasts.stream().map(broadcast -> broadcast.kind().field()).toList());
    }

    /** An acknowledgement that cannot be read counts as one that confirms nothing: it holds the fleet gate. */
    private static Ack ack(String key, String value) {
        return Ack.parse(value).orElseGet(() -> {
            LOG.warn("{} holds no acknowledgement of the form {{\"applied\": n, \"settled\": n}}; counted as 0", key);
            return new Ack(0, 0);
        });
    }

    /** The broadcasts of one etcd revision, and what was wrong with them. */
    private static final class Decoded {
        private final List<Broadcast> broadcasts = new ArrayList<>();
        private final List<InvalidBroadcastException> problems = new ArrayList<>();

        void decode(String key, String value, BroadcastKind kind) {
            try {
                broadcasts.add(StateDocuments.decode(key, value, kind));
            } catch (InvalidBroadcastException invalid) {
                problems.add(invalid);
            }
        }

        boolean isEmpty() {
            return broadcasts.isEmpty() && problems.isEmpty();
        }
    }
}
