package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.source.NotAcceptedException;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows everything under the prefix: reads it whole at one revision, then watches from the next
 * revision. A watch that falls behind a compaction is answered by reading everything again; a lost
 * connection by resuming the watch from the last revision seen, so no update is missed. What is read
 * goes to the {@link StateDelivery}. Everything runs on one thread of its own; jetcd's callbacks only
 * hand over, tagged with the watch they belong to, so that a late callback of an abandoned watch is
 * ignored.
 */
final class StateFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateFollower.class);

    private final Client client;
    private final Connection connection;
    private final KeyLayout layout;
    private final StateDelivery delivery;
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
    private boolean resuming;
    private boolean closed;

    StateFollower(Client client, Connection connection, KeyLayout layout, StateDelivery delivery, Backoff backoff,
            EtcdMetrics metrics) {
        this.client = requireNonNull(client, "client is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
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
        metrics.fullRead(reason);
        long revision = response.getHeader().getRevision();
        if (!delivered(revision, () -> delivery.readAll(response.getKvs(), revision))) {
            return;
        }
        backoff.reset();
        seen(revision);
        watch(revision + 1);
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
        // etcd sends the events of one revision in one response; each revision is one change.
        Map<Long, List<WatchEvent>> byRevision = new LinkedHashMap<>();
        for (WatchEvent event : response.getEvents()) {
            byRevision.computeIfAbsent(event.getKeyValue().getModRevision(), revision -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<Long, List<WatchEvent>> change : byRevision.entrySet()) {
            long revision = change.getKey();
            if (revision > lastSeen) {
                if (!delivered(revision, () -> delivery.changed(revision, change.getValue()))) {
                    return;
                }
                seen(revision);
            }
        }
    }

    /**
     * Runs a delivery; when Steward could not record what it delivered, etcd still holds it: the watch
     * stops, and everything is read again after a wait, as often as it takes.
     */
    private boolean delivered(long revision, Runnable delivery) {
        try {
            delivery.run();
            return true;
        } catch (NotAcceptedException refused) {
            metrics.failed("deliver");
            stopWatching();
            Duration wait = backoff.next();
            LOG.warn("etcd revision {} was not accepted ({}); the last accepted state keeps serving; reading {} again in {} ms",
                    revision, refused.getMessage(), layout.all(), wait.toMillis());
            executor.schedule(() -> readAll("not-accepted"), wait.toNanos(), TimeUnit.NANOSECONDS);
            return false;
        }
    }

    private void onError(long from, Throwable failure) {
        if (from != generation || closed) {
            return;
        }
        stopWatching();
        Optional<CompactedException> compaction = compaction(failure);
        if (compaction.isPresent()) {
            metrics.interrupted("compacted");
            LOG.warn("watch of {} from etcd revision {} fell behind a compaction at revision {}; reading everything again",
                    layout.all(), lastSeen + 1, compaction.get().getCompactedRevision());
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

    private static Optional<CompactedException> compaction(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CompactedException compacted) {
                return Optional.of(compacted);
            }
        }
        return Optional.empty();
    }
}
