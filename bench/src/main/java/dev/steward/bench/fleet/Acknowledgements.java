package dev.steward.bench.fleet;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the nodes' acknowledgements under {@code <prefix>/acks/}. */
final class Acknowledgements implements AutoCloseable {
    private static final Pattern APPLIED = Pattern.compile("\"applied\":\\s*(\\d+)");

    private final Client client;
    private final ByteSequence acks;

    Acknowledgements(URI etcd, String prefix) {
        this.client = Client.builder().endpoints(etcd).build();
        this.acks = ByteSequence.from(prefix + "/acks/", StandardCharsets.UTF_8);
    }

    /** Whether {@code nodes} nodes acknowledge {@code revision} or a newer one. */
    boolean allAt(long revision, int nodes) throws InterruptedException, ExecutionException, TimeoutException {
        List<KeyValue> values = client.getKVClient().get(acks, GetOption.builder().isPrefix(true).build())
                .get(10, TimeUnit.SECONDS).getKvs();
        return values.size() == nodes && values.stream().allMatch(value -> applied(value) >= revision);
    }

    @Override
    public void close() {
        client.close();
    }

    private static long applied(KeyValue value) {
        Matcher applied = APPLIED.matcher(value.getValue().toString(StandardCharsets.UTF_8));
        return applied.find() ? Long.parseLong(applied.group(1)) : -1;
    }
}
