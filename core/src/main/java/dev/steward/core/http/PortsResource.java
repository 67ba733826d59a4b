package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ports.NodePorts;
import dev.steward.api.ports.PortLease;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortsExhaustedException;
import dev.steward.api.ports.QuarantinedPort;
import dev.steward.api.ports.ReleaseMode;
import dev.steward.core.engine.ReloadEngine;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The replica ports of one node, handed out and taken back by the configured {@link PortPolicy}.
 * This class only translates: the policy decides, and its refusals become 400, 409 or 503.
 */
final class PortsResource {
    private static final String PORTS = "/v1/nodes/{node}/ports";
    private static final String PORT = PORTS + "/{port}";
    private static final String BLOCK = "block";

    private final PortPolicy policy;
    private final ReloadEngine engine;

    PortsResource(PortPolicy policy, ReloadEngine engine) {
        this.policy = requireNonNull(policy, "policy is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", PORTS, this::list),
                Route.of("POST", PORTS, this::allocate),
                Route.of("DELETE", PORT, Set.of(BLOCK), this::release),
                Route.of("POST", PORT + "/recover", this::recover));
    }

    private ApiResponse list(ApiRequest request) {
        NodePorts ports = call(() -> policy.ports(PortParameters.node(request)));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("allocated", ports.allocated().stream().map(PortsResource::lease).toList());
        tree.put("quarantined", ports.quarantined().stream().map(PortsResource::quarantined).toList());
        tree.put("blocked", ports.blocked());
        return ApiResponse.json(HttpStatus.OK, tree);
    }

    private ApiResponse allocate(ApiRequest request) {
        String node = PortParameters.node(request);
        String owner = PortParameters.owner(request.jsonObject());
        PortLease lease = call(() -> policy.allocate(node, owner));
        return ApiResponse.json(HttpStatus.CREATED, Map.of("port", lease.port()))
                .withHeader("Location", "/v1/nodes/" + node + "/ports/" + lease.port());
    }

    private ApiResponse release(ApiRequest request) {
        String node = PortParameters.node(request);
        int port = PortParameters.port(request);
        ReleaseMode how = request.query().flag(BLOCK) ? ReleaseMode.BLOCK : ReleaseMode.QUARANTINE;
        // The newest revision accepted may still route to the port: it returns only once that is served.
        long revision = engine.state().revision();
        call(() -> {
            policy.release(node, port, how, revision);
            return port;
        });
        return ApiResponse.noContent();
    }

    private ApiResponse recover(ApiRequest request) {
        String node = PortParameters.node(request);
        int port = PortParameters.port(request);
        String owner = PortParameters.owner(request.jsonObject());
        PortLease lease = call(() -> policy.recover(node, port, owner));
        return ApiResponse.json(HttpStatus.OK, Map.of("port", lease.port()));
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (PortRequestException refused) {
            int status = switch (refused.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case CONFLICT -> HttpStatus.CONFLICT;
            };
            throw ApiException.of(status, refused.field(), refused.getMessage());
        } catch (PortsExhaustedException exhausted) {
            throw ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, "", exhausted.getMessage())
                    .withDetail("allocated", exhausted.allocated())
                    .withDetail("quarantined", exhausted.quarantined())
                    .withDetail("blocked", exhausted.blocked());
        }
    }

    private static Map<String, Object> lease(PortLease lease) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("port", lease.port());
        tree.put("owner", lease.owner());
        return tree;
    }

    private static Map<String, Object> quarantined(QuarantinedPort port) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("port", port.port());
        tree.put("releasedRevision", port.releasedRevision());
        // The wall time is derived from a monotonic clock on each read: digits below a millisecond are noise.
        tree.put("notBefore", port.notBefore().truncatedTo(ChronoUnit.MILLIS).toString());
        return tree;
    }
}
