package dev.steward.bench.fleet;

import dev.steward.loopback.Replica;
import java.util.ArrayList;
import java.util.List;

/** Replicas on free loopback ports, each answering every request with its id. */
final class Replicas implements AutoCloseable {
    private final List<Replica> replicas = new ArrayList<>();

    Replicas(int count) {
        for (int i = 0; i < count; i++) {
            replicas.add(Replica.start(id(i)));
        }
    }

    static String id(int index) {
        return "replica-" + index;
    }

    int port(int index) {
        return replicas.get(index).port();
    }

    int size() {
        return replicas.size();
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }
}
