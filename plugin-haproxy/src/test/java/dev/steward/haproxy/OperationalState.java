package dev.steward.haproxy;

import dev.steward.haproxy.runtime.RuntimeApi;

/** The {@code srv_op_state} column of {@code show servers state}, as HAProxy writes it: 0 down, 2 up. */
final class OperationalState {
    private OperationalState() {}

    static String of(RuntimeApi api, String backend, String server) {
        return api.showServersState().lines()
                .map(line -> line.split(" "))
                .filter(fields -> fields.length > 5 && fields[1].equals(backend) && fields[3].equals(server))
                .map(fields -> fields[5])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no server " + backend + "/" + server));
    }
}
