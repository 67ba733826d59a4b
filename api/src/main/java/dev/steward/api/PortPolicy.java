package dev.steward.api;

import dev.steward.api.ports.HoldLimit;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.ReleaseMode;
import java.util.Optional;

/**
 * Hands replica ports out per replica node and takes them back, so that a port is never given to a
 * new replica while a proxy may still route to the old one. Safe for concurrent calls.
 */
public interface PortPolicy extends AutoCloseable {
    /**
     * @throws PortsExhaustedException when no port is free on the node
     * @throws PortRequestException when the node or owner is not acceptable
     */
    PortLease allocate(String node, String owner);

    /**
     * Takes a port back.
     *
     * @param revision the newest routing revision accepted when the release arrived; a quarantined
     *     port returns only once every proxy serves at least this revision
     * @throws PortRequestException when the port is not allocated on the node
     */
    void release(String node, int port, ReleaseMode how, long revision);

    /** Registers a port found in use after a restart, so that it is not handed out again. */
    PortLease recover(String node, int port, String owner);

    /**
     * Every proxy that might route to a released port, old processes included, now serves at least
     * {@code revision}.
     */
    void applied(long revision);

    NodePorts ports(String node);

    /**
     * The longest a released port is held while the proxies have not confirmed a revision that no longer
     * routes to it; Steward checks it against the proxy backend's {@link ProxyBackend#retirementBound()}.
     * Empty when the policy never returns a port before that confirmation, or does not wait for it.
     */
    default Optional<HoldLimit> holdLimit() {
        return Optional.empty();
    }

    @Override
    void close();
}
