package dev.steward.bench.fleet;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A controller as docs/etcd.md describes one: writes both state keys in one transaction. Route
 * {@code /app} goes to one replica.
 */
final class Publisher implements AutoCloseable {
    private final Client client;
    private final String prefix;

    Publisher(URI etcd, String prefix) {
        this.client = Client.builder().endpoints(requireNonNull(etcd, "etcd is null")).build();
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    /** @return the etcd revision of the transaction */
    long publish(int port, String replicaId) throws ExecutionException, InterruptedException, TimeoutException {
        String groups = """
                {"targetGroups": [{"name": "app", "routePrefix": "/app",
                  "targets": [{"host": "127.0.0.1", "port": %d, "replicaId": "%s"}]}]}
                """.formatted(port, replicaId);
        return client.getKVClient().txn()
                .Then(put(prefix + "/state/target-groups", groups),
                        put(prefix + "/state/fallback-targets", "{\"fallbackTargets\": []}"))
                .commit().get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }

    @Override
    public void close() {
        client.close();
    }

    private static Op put(String key, String value) {
        return Op.put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value, StandardCharsets.UTF_8),
                PutOption.DEFAULT);
    }
}
