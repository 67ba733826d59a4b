package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

/**
 * One server as the running HAProxy reports it in {@code show servers state}.
 *
 * @param name backend and server
 * @param address the IP address it connects to
 * @param port the port it connects to
 * @param admin whether it may take new requests
 * @param up whether its checks (or HAProxy's start-up rule) hold it up: {@code srv_op_state} running or starting
 * @param weight the weight in effect ({@code srv_uweight})
 */
public record ServerState(ServerName name, String address, int port, AdminState admin, boolean up, int weight) {
    public ServerState {
        requireNonNull(name, "name is null");
        requireNonNull(address, "address is null");
        requireNonNull(admin, "admin is null");
    }
}
