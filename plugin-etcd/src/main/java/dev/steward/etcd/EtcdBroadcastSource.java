package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSink;
import dev.steward.api.BroadcastSource;
import dev.steward.api.source.FleetView;
import io.etcd.jetcd.Client;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing state of a fleet, kept in etcd. Follows the state keys and delivers each change; acknowledges
 * what this node serves under its lease; reports what every live node of the fleet serves. Acknowledgements
 * and metrics speak etcd revisions, the fleet's; the engine's local revisions are translated with a
 * {@link RevisionMap} that records which etcd revision each local one was accepted for.
 */
final class EtcdBroadcastSource implements BroadcastSource, FleetView {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdBroadcastSource.class);

    private final EtcdSettings settings;
    private final String nodeId;
    private final EtcdMetrics metrics;
    private final RevisionMap revisions = new RevisionMap();
    private final FleetAcks fleet = new FleetAcks();
    private final Object ackLock = new Object();
    private long appliedEtcd;
    private long settledEtcd;
    private Optional<Client> client = Optional.empty();
    private Optional<StateFollower> follower = Optional.empty();
    private volatile Optional<AckWriter> ackWriter = Optional.empty();

    EtcdBroadcastSource(EtcdSettings settings, String nodeId, EtcdMetrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.nodeId = requireNonNull(nodeId, "nodeId is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /**
     * Reads the routing state and delivers it before returning when etcd answers within the request
     * timeout; an unreachable etcd does not stop the node, which serves its last applied state and keeps
     * trying.
     */
    @Override
    public synchronized void start(BroadcastSink sink) {
        requireNonNull(sink, "sink is null");
        Client created = EtcdClients.forFollower(settings.connection());
        client = Optional.of(created);
        AckWriter writer = new AckWriter(created, settings.connection(), settings.layout().ack(nodeId), settings.leaseTtl(),
                new Backoff(settings.retry()), metrics);
        ackWriter = Optional.of(writer);
        writer.start();
        StateDelivery delivery = new StateDelivery(settings.layout(), sink, revisions, fleet, metrics);
        StateFollower started = new StateFollower(created, settings.connection(), settings.layout(), delivery,
                new Backoff(settings.retry()), metrics);
        follower = Optional.of(started);
        LOG.info("following {} at {} as node {}", settings.layout().all(), settings.connection().endpoints(), nodeId);
        started.start();
    }

    @Override
    public Optional<FleetView> fleet() {
        return Optional.of(this);
    }

    @Override
    public void applied(long revision) {
        revisions.etcdAt(revision).ifPresent(etcd -> acknowledge(etcd, 0));
    }

    @Override
    public void settled(long revision) {
        acknowledge(0, revisions.etcdAt(revision).orElse(0));
        revisions.forgetBefore(Math.min(revision, fleetSettled().getAsLong()));
    }

    /** The newest local revision whose etcd revision every live node has settled at; 0 while none has. */
    @Override
    public OptionalLong fleetSettled() {
        OptionalLong settledByAll = fleet.settled();
        if (settledByAll.isEmpty()) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(revisions.localAt(settledByAll.getAsLong()).orElse(0));
    }

    @Override
    public synchronized void close() {
        follower.ifPresent(StateFollower::close);
        ackWriter.ifPresent(AckWriter::close);
        client.ifPresent(Client::close);
        follower = Optional.empty();
        ackWriter = Optional.empty();
        client = Optional.empty();
    }

    /**
     * Raises what this node acknowledges and has it written. Nothing is written before the node serves
     * a state read from etcd: until then it is not part of the fleet. The gate hears of a revision before
     * this source is told it is applied, so settled is capped at applied.
     */
    private void acknowledge(long applied, long settled) {
        synchronized (ackLock) {
            appliedEtcd = Math.max(appliedEtcd, applied);
            settledEtcd = Math.max(settledEtcd, settled);
            if (appliedEtcd > 0) {
                Ack ack = new Ack(appliedEtcd, Math.min(settledEtcd, appliedEtcd));
                ackWriter.ifPresent(writer -> writer.update(ack));
            }
        }
    }
}
