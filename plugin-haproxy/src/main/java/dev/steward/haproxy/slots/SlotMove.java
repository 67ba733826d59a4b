package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.runtime.ServerName;

/**
 * A slot pointed at a new address, which HAProxy must show before the slot leaves maintenance.
 *
 * @param server the slot
 * @param ip the IP literal it connects to
 * @param port the port it connects to
 */
public record SlotMove(ServerName server, String ip, int port) {
    public SlotMove {
        requireNonNull(server, "server is null");
        requireNonNull(ip, "ip is null");
    }
}
