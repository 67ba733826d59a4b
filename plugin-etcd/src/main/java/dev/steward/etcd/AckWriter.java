package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code <prefix>/acks/<node-id>} at this node's newest acknowledgement, on a lease it renews
 * every third of its time to live: the key disappears when the node stops renewing it. A lease that
 * expired anyway (a long partition) is replaced and the key written again. Writes happen on a thread
 * of their own, newest value only, so the engine never waits for etcd.
 */
final class AckWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AckWriter.class);

    private final Client client;
    private final Connection connection;
    private final String key;
    private final Duration leaseTtl;
    private final Backoff backoff;
    private final EtcdMetrics metrics;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "steward-etcd-ack");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Optional<Ack>> desired = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    // Confined to the executor's thread.
    private OptionalLong lease = OptionalLong.empty();
    private Optional<Ack> written = Optional.empty();
    private Optional<ScheduledFuture<?>> retry = Optional.empty();
    private int failuresInARow;

    AckWriter(Client client, Connection connection, String key, Duration leaseTtl, Backoff backoff, EtcdMetrics metrics) {
        this.client = requireNonNull(client, "client is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.key = requireNonNull(key, "key is null");
        this.leaseTtl = requireNonNull(leaseTtl, "leaseTtl is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    void start() {
        long period = leaseTtl.toNanos() / 3;
        executor.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.NANOSECONDS);
    }

    /** Writes {@code ack} soon; a newer one given before that replaces it. Never blocks; ignored once closed. */
    void update(Ack ack) {
        desired.set(Optional.of(requireNonNull(ack, "ack is null")));
        if (flushQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::flush);
            } catch (RejectedExecutionException closed) {
                LOG.debug("acknowledgement {} not written: the source is closed", ack.json());
            }
        }
    }

    /** Revokes the lease, so that the acknowledgement disappears at once rather than at the lease's expiry. */
    @Override
    public void close() {
        Future<?> revoked = executor.submit(this::revoke);
        try {
            revoked.get(connection.requestTimeout().toNanos() * 2, TimeUnit.NANOSECONDS);
        } catch (Exception notRevoked) {
            LOG.warn("the lease of {} could not be revoked; the key disappears when it expires ({})", key, leaseTtl);
        }
        shutdown(executor);
    }

    private void flush() {
        flushQueued.set(false);
        retry.ifPresent(pending -> pending.cancel(false));
        retry = Optional.empty();
        Optional<Ack> wanted = desired.get();
        if (wanted.isEmpty() || wanted.equals(written)) {
            return;
        }
        try {
            long id = lease();
            EtcdClients.await(client.getKVClient().put(EtcdClients.bytes(key), EtcdClients.bytes(wanted.get().json()),
                    PutOption.builder().withLeaseId(id).build()), connection, "writing " + key);
            written = wanted;
            metrics.revision("applied", wanted.get().applied());
            metrics.revision("settled", wanted.get().settled());
            succeeded();
        } catch (EtcdAccessException failure) {
            if (leaseNotFound(failure)) {
                forgetLease();
            }
            failed("ack", "writing the acknowledgement " + key, failure);
            Duration wait = backoff.next();
            retry = Optional.of(executor.schedule(this::flush, wait.toNanos(), TimeUnit.NANOSECONDS));
        }
    }

    private long lease() {
        if (lease.isEmpty()) {
            long id = EtcdClients.await(client.getLeaseClient().grant(leaseTtl.toSeconds()), connection,
                    "granting a lease for " + key).getID();
            lease = OptionalLong.of(id);
            metrics.leaseGranted();
            LOG.info("lease {} granted for {} ({} to live)", Long.toHexString(id), key, leaseTtl);
        }
        return lease.getAsLong();
    }

    private void keepAlive() {
        if (lease.isEmpty()) {
            return;
        }
        try {
            EtcdClients.await(client.getLeaseClient().keepAliveOnce(lease.getAsLong()), connection,
                    "renewing the lease of " + key);
        } catch (EtcdAccessException failure) {
            if (leaseNotFound(failure)) {
                LOG.warn("the lease of {} expired; the acknowledgement is written again on a new one", key);
                forgetLease();
                flush();
            } else {
                failed("lease", "renewing the lease of " + key, failure);
            }
        }
    }

    private void revoke() {
        if (lease.isPresent()) {
            EtcdClients.await(client.getLeaseClient().revoke(lease.getAsLong()), connection, "revoking the lease of " + key);
            LOG.info("lease {} revoked: {} removed", Long.toHexString(lease.getAsLong()), key);
            lease = OptionalLong.empty();
        }
    }

    private void forgetLease() {
        lease = OptionalLong.empty();
        written = Optional.empty();
    }

    private void failed(String operation, String what, EtcdAccessException failure) {
        metrics.failed(operation);
        failuresInARow++;
        if (failuresInARow == 1) {
            LOG.warn("{} failed; retrying: {}", what, failure.getMessage());
        } else {
            LOG.debug("{} failed again ({} in a row): {}", what, failuresInARow, failure.getMessage());
        }
    }

    private void succeeded() {
        if (failuresInARow > 0) {
            LOG.info("acknowledgement {} written again after {} failure(s)", key, failuresInARow);
        }
        failuresInARow = 0;
        backoff.reset();
    }

    private static boolean leaseNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND) {
                return true;
            }
            if (String.valueOf(cause.getMessage()).contains("requested lease not found")) {
                return true;
            }
        }
        return false;
    }

    static void shutdown(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a thread of the etcd source did not stop within 10 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
