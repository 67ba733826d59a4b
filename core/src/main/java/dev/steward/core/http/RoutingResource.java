package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.core.engine.SourceSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} broadcast source: {@code PUT /v1/target-groups} and {@code PUT
 * /v1/fallback-targets}. A body is accepted whole or not at all, and every refusal is reported to
 * the engine, which counts it.
 */
final class RoutingResource {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingResource.class);

    private final Optional<SourceSink> sink;

    /** @param sink empty when {@code http} is not among the configured broadcast sources */
    RoutingResource(Optional<SourceSink> sink) {
        this.sink = requireNonNull(sink, "sink is null");
    }

    List<Route> routes() {
        return List.of(
                Route.of("PUT", "/v1/target-groups",
                        request -> put(request, BroadcastKind.TARGET_GROUPS, RoutingDecoder::targetGroups)),
                Route.of("PUT", "/v1/fallback-targets",
                        request -> put(request, BroadcastKind.FALLBACK_TARGETS, RoutingDecoder::fallbackTargets)));
    }

    private ApiResponse put(ApiRequest request, BroadcastKind kind, Function<Object, Broadcast> decoder) {
        SourceSink target = sink.orElseThrow(() -> ApiException.notFound("the http broadcast source is disabled:"
                + " add \"http\" to steward.broadcast-sources to accept " + kind.field() + " over HTTP"));
        Broadcast broadcast;
        try {
            broadcast = decoder.apply(request.jsonObject());
        } catch (InvalidBroadcastException invalid) {
            target.reject(kind, invalid);
            throw ApiException.badRequest(invalid.field(), invalid.getMessage());
        } catch (ApiException refused) {
            target.reject(kind, new InvalidBroadcastException(refused.field(), refused.getMessage()));
            throw refused;
        }
        long revision;
        try {
            revision = target.accept(broadcast);
        } catch (HttpJournalException | NotAcceptedException unstored) {
            LOG.error("{} over HTTP not accepted: {}", kind.field(), unstored.getMessage());
            throw ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, "", "not accepted, the last accepted state keeps serving: "
                    + unstored.getMessage());
        }
        return ApiResponse.json(HttpStatus.ACCEPTED, Map.of("revision", revision));
    }
}
