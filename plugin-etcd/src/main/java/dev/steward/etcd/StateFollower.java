package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows everything under the prefix: reads it whole at one revision, delivers the routing state,
 * then watches from the next revision. A watch that falls behind a compaction is answered by reading
 * everything again; a lost connection by resuming the watch from the last revision seen, so no
 * update is missed. Each etcd revision that changes the routing state becomes one local revision, or
 * is rejected whole. Everything runs on one thread of its own; jetcd's callbacks only hand over.
 */
final class StateFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateFollower.class);

    private final Client client;
    private final Connection connection;
    private final KeyLayout layout;
    private final BroadcastSink sink;
    private final RevisionMap revisions;
    private final FleetAcks fleet;
    private final Backoff backoff;
    private final EtcdMetrics metrics;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "steward-etcd-watch");
        thread.setDaemon(true);
        return thread;
    });

    // Confined to the executor's thread.
    private long generation;
    private Optional<Watch.Watcher> watcher = Optional.empty();
    private long lastSeen;
    private long lastDelivered;
    private boolean resuming;
    private boolean closed;

    StateFollower(Client client, Connection connection, KeyLayout layout, BroadcastSink sink, RevisionMap revisions,
            FleetAcks fleet, Backoff backoff, EtcdMetrics metrics) {
        this.client = requireNonNull(client, "client is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.revisions = requireNonNull(revisions, "revisions is null");
        this.fleet = requireNonNull(fleet, "fleet is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Reads and delivers the current state before returning, when etcd answers in time; otherwise
     * keeps trying in the background while the last applied state keeps serving.
     */
    void start() {
        try {
            executor.submit(() -> readAll("start")).get();
        } catch (ExecutionException unexpected) {
            throw new IllegalStateException("the first read of " + layout.all() + " failed unexpectedly", unexpected.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            executor.submit(() -> {
                closed = true;
                stopWatching();
            }).get(connection.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException notStopped) {
            LOG.warn("the watch of {} did not stop cleanly: {}", layout.all(), notStopped.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        AckWriter.shutdown(executor);
    }

    private void readAll(String reason) {
        if (closed) {
            return;
        }
        GetResponse response;
        try {
            response = EtcdClients.await(client.getKVClient().get(EtcdClients.bytes(layout.all()),
                    GetOption.builder().isPrefix(true).build()), connection, "reading " + layout.all());
        } catch (EtcdAccessException failure) {
            metrics.failed("read");
            Duration wait = backoff.next();
            LOG.warn("{}; the last applied state keeps serving; trying again in {} ms", failure.getMessage(), wait.toMillis());
            executor.schedule(() -> readAll(reason), wait.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        backoff.reset();
        long revision = response.getHeader().getRevision();
        metrics.fullRead(reason);
        Map<BroadcastKind, KeyValue> state = new LinkedHashMap<>();
        Map<String, Ack> acks = new HashMap<>();
        for (KeyValue entry : response.getKvs()) {
            String key = EtcdClients.text(entry.getKey());
            layout.stateKind(key).ifPresent(kind -> state.put(kind, entry));
            layout.ackNode(key).ifPresent(node -> acks.put(node, ack(key, EtcdClients.text(entry.getValue()))));
        }
        fleet.replace(acks);
        metrics.fleet(fleet);
        LOG.info("read {} at etcd revision {} ({}): {} state key(s), {} live node(s)", layout.all(), revision, reason,
                state.size(), acks.size());
        deliverAll(state, revision);
        seen(revision);
        watch(revision + 1);
    }

    /**
     * Delivers both kinds as one local revision, a missing key as none of its kind. The state's etcd
     * revision is that of its newest key, which every node names alike; after a compaction that hid
     * a deletion it can be older than the last one delivered, and the revision read at stands for it.
     */
    private void deliverAll(Map<BroadcastKind, KeyValue> state, long readRevision) {
        if (state.isEmpty() && lastDelivered == 0) {
            LOG.warn("no routing state under {} yet; the last applied state keeps serving until a controller writes one",
                    layout.all());
            return;
        }
        long stateRevision = state.values().stream().mapToLong(KeyValue::getModRevision).max().orElse(readRevision);
        if (stateRevision == lastDelivered) {
            return;
        }
        List<Broadcast> broadcasts = new ArrayList<>();
        List<InvalidBroadcastException> problems = new ArrayList<>();
        for (BroadcastKind kind : BroadcastKind.values()) {
            KeyValue entry = state.get(kind);
            if (entry == null) {
                broadcasts.add(StateDocuments.none(kind));
            } else {
                decode(layout.state(kind), EtcdClients.text(entry.getValue()), kind, broadcasts, problems);
            }
        }
        deliver(stateRevision > lastDelivered ? stateRevision : readRevision, broadcasts, problems);
    }

    private void watch(long fromRevision) {
        if (closed) {
            return;
        }
        long current = ++generation;
        Watch.Listener listener = Watch.listener(
                response -> handOver(() -> onResponse(current, response)),
                failure -> handOver(() -> onError(current, failure)),
                () -> handOver(() -> onCompleted(current)));
        watcher = Optional.of(client.getWatchClient().watch(EtcdClients.bytes(layout.all()),
                WatchOption.builder().isPrefix(true).withRevision(fromRevision).withCreateNotify(true).build(), listener));
    }

    /** Runs a callback of jetcd's on this follower's thread; after a close there is nothing left to do. */
    private void handOver(Runnable callback) {
        try {
            executor.execute(callback);
        } catch (RejectedExecutionException closing) {
            LOG.debug("a watch callback arrived after the source closed");
        }
    }

    private void onResponse(long from, WatchResponse response) {
        if (from != generation || closed) {
            return;
        }
        if (response.isCreatedNotify()) {
            if (resuming) {
                LOG.info("watch of {} resumed from etcd revision {}", layout.all(), lastSeen + 1);
                resuming = false;
            }
            backoff.reset();
            return;
        }
        Map<Long, List<WatchEvent>> byRevision = new LinkedHashMap<>();
        for (WatchEvent event : response.getEvents()) {
            byRevision.computeIfAbsent(event.getKeyValue().getModRevision(), revision -> new ArrayList<>()).add(event);
        }
        byRevision.forEach((revision, events) -> {
            if (revision > lastSeen) {
                apply(revision, events);
                seen(revision);
            }
        });
    }

    /** One etcd revision: a controller's transaction, or a node's acknowledgement coming or going. */
    private void apply(long revision, List<WatchEvent> events) {
        List<Broadcast> broadcasts = new ArrayList<>();
        List<InvalidBroadcastException> problems = new ArrayList<>();
        for (WatchEvent event : events) {
            String key = EtcdClients.text(event.getKeyValue().getKey());
            boolean put = event.getEventType() == WatchEvent.EventType.PUT;
            String value = EtcdClients.text(event.getKeyValue().getValue());
            layout.stateKind(key).ifPresent(kind -> {
                if (put) {
                    decode(key, value, kind, broadcasts, problems);
                } else {
                    broadcasts.add(StateDocuments.none(kind));
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
        if (!broadcasts.isEmpty() || !problems.isEmpty()) {
            deliver(revision, broadcasts, problems);
        }
    }

    private void deliver(long revision, List<Broadcast> broadcasts, List<InvalidBroadcastException> problems) {
        if (!problems.isEmpty()) {
            problems.forEach(sink::reject);
            LOG.warn("etcd revision {} rejected, the last good state keeps serving: {}", revision,
                    problems.stream().map(Throwable::getMessage).toList());
            return;
        }
        long local = sink.accept(broadcasts);
        revisions.record(local, revision);
        lastDelivered = revision;
        metrics.revision("delivered", revision);
        LOG.info("etcd revision {} accepted as revision {} ({})", revision, local,
                broadcasts.stream().map(broadcast -> broadcast.kind().field()).toList());
    }

    private void onError(long from, Throwable failure) {
        if (from != generation || closed) {
            return;
        }
        stopWatching();
        if (compaction(failure).isPresent()) {
            metrics.interrupted("compacted");
            LOG.warn("watch of {} from etcd revision {} fell behind a compaction at revision {}; reading everything again",
                    layout.all(), lastSeen + 1, compaction(failure).get().getCompactedRevision());
            readAll("compacted");
            return;
        }
        metrics.interrupted("disconnected");
        resuming = true;
        Duration wait = backoff.next();
        LOG.warn("watch of {} lost ({}); resuming from etcd revision {} in {} ms", layout.all(), failure.getMessage(),
                lastSeen + 1, wait.toMillis());
        executor.schedule(() -> watch(lastSeen + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onCompleted(long from) {
        if (from == generation && !closed) {
            onError(from, new EtcdAccessException("the watch was ended by etcd", null));
        }
    }

    private void stopWatching() {
        generation++;
        watcher.ifPresent(Watch.Watcher::close);
        watcher = Optional.empty();
    }

    private void seen(long revision) {
        lastSeen = Math.max(lastSeen, revision);
        metrics.revision("seen", lastSeen);
    }

    private void decode(String key, String value, BroadcastKind kind, List<Broadcast> broadcasts,
            List<InvalidBroadcastException> problems) {
        try {
            broadcasts.add(StateDocuments.decode(key, value, kind));
        } catch (InvalidBroadcastException invalid) {
            problems.add(invalid);
        }
    }

    /** An acknowledgement that cannot be read counts as one that confirms nothing: it holds the fleet gate. */
    private static Ack ack(String key, String value) {
        return Ack.parse(value).orElseGet(() -> {
            LOG.warn("{} holds no acknowledgement of the form {{\"applied\": n, \"settled\": n}}; counted as 0", key);
            return new Ack(0, 0);
        });
    }

    private static Optional<CompactedException> compaction(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CompactedException compacted) {
                return Optional.of(compacted);
            }
        }
        return Optional.empty();
    }
}
