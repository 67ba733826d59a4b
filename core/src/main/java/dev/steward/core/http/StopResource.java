package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.ModelRules;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.lifecycle.StopRequests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/stop?proxy=keep|stop}: stops Steward, leaving the proxy serving or stopping it; without
 * the parameter as the backend's setting says. The answer names Steward's pid, so that a caller can wait
 * for it to exit, and the proxy's serving pid.
 */
final class StopResource {
    private static final String PROXY = "proxy";

    private final StopRequests stopRequests;
    private final ProxyBackend backend;

    StopResource(StopRequests stopRequests, ProxyBackend backend) {
        this.stopRequests = requireNonNull(stopRequests, "stopRequests is null");
        this.backend = requireNonNull(backend, "backend is null");
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/v1/stop", Set.of(PROXY), this::stop));
    }

    private ApiResponse stop(ApiRequest request) {
        ProxyStop how = request.query().get(PROXY)
                .map(value -> ProxyStop.parse(value).orElseThrow(() -> ApiException.badRequest(PROXY,
                        PROXY + ": expected " + ProxyStop.EXPECTED + ", found " + ModelRules.quote(value))))
                .orElseGet(() -> backend.status().onStop());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pid", ProcessHandle.current().pid());
        answer.put(PROXY, how.label());
        backend.status().pid().ifPresent(pid -> answer.put("proxyPid", pid));
        stopRequests.request(how);
        return ApiResponse.json(HttpStatus.ACCEPTED, answer);
    }
}
