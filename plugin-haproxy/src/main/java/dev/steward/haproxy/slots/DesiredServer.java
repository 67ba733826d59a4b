package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Target;
import dev.steward.haproxy.runtime.ServerName;
import java.util.Optional;

/**
 * What one server slot should be in the running HAProxy.
 *
 * @param name the slot's server
 * @param role free, serving its target, or draining it
 * @param target the target served or drained; empty for a free slot
 * @param proveBeforeServing whether a target entering the slot waits for its health check to pass
 *     before it takes requests (groups with an HTTP check), rather than being taken up at once; it waits only
 *     while another server of its group serves
 */
public record DesiredServer(ServerName name, Role role, Optional<Target> target, boolean proveBeforeServing) {
    public DesiredServer {
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(target, "target is null");
        if (target.isPresent() == (role == Role.FREE)) {
            throw new IllegalArgumentException("a " + role + " slot " + (role == Role.FREE ? "has no" : "needs a") + " target");
        }
    }

    enum Role {
        /** In maintenance at the placeholder address, ready for the next target. */
        FREE,
        /** Takes new requests for its target. */
        SERVING,
        /** Takes no new requests; those in flight to its target finish. */
        DRAINING
    }
}
