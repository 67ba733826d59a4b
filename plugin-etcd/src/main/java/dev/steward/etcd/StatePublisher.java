package dev.steward.etcd;

import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.RoutingDocument;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;

/** Writes a whole routing state as one transaction: both state keys, one etcd revision. */
final class StatePublisher {
    private StatePublisher() {}

    /**
     * @return the etcd revision of the transaction
     * @throws EtcdAccessException when etcd did not take it; then nothing was written
     */
    static long publish(Client client, Connection connection, KeyLayout layout, RoutingDocument document) {
        return EtcdClients.await(client.getKVClient().txn()
                .Then(put(layout.state(BroadcastKind.TARGET_GROUPS), StateDocuments.encode(document.targetGroups())),
                        put(layout.state(BroadcastKind.FALLBACK_TARGETS), StateDocuments.encode(document.fallbackTargets())))
                .commit(), connection, "writing the routing state under " + layout.all())
                .getHeader().getRevision();
    }

    private static Op put(String key, String value) {
        return Op.put(EtcdClients.bytes(key), EtcdClients.bytes(value), PutOption.DEFAULT);
    }
}
