package dev.steward.core.source.http;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.BroadcastKind;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.ModelRules;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.UnknownGroupException;
import dev.steward.api.source.NotAcceptedException;
import dev.steward.core.http.ApiException;
import dev.steward.core.http.ApiRequest;
import dev.steward.core.http.ApiResponse;
import dev.steward.core.http.HttpStatus;
import dev.steward.core.http.Route;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the {@code http} source: whole target groups, whole fallback targets, and one group
 * put or removed. A request is accepted whole or not at all, and every refusal is reported to the
 * engine, which counts it under the kind of the route.
 */
final class RoutingEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingEndpoints.class);
    private static final String NAME = "name";

    /** One route: what it decodes from a request into a broadcast, and what it changes, for messages. */
    private record Change(String method, String path, BroadcastKind kind, String what, Function<ApiRequest, Broadcast> decoder) {}

    private static final List<Change> CHANGES = List.of(
            new Change("PUT", "/v1/target-groups", BroadcastKind.TARGET_GROUPS, "targetGroups",
                    request -> RoutingDecoder.targetGroups(request.jsonObject())),
            new Change("PUT", "/v1/fallback-targets", BroadcastKind.FALLBACK_TARGETS, "fallbackTargets",
                    request -> RoutingDecoder.fallbackTargets(request.jsonObject())),
            new Change("PUT", "/v1/target-groups/{name}", BroadcastKind.TARGET_GROUP, "one target group",
                    request -> {
                        String name = name(request);
                        return new TargetGroupPut(RoutingDecoder.group(request.jsonObject(), name));
                    }),
            new Change("DELETE", "/v1/target-groups/{name}", BroadcastKind.TARGET_GROUP, "the removal of one target group",
                    request -> new TargetGroupRemoval(name(request))));

    private RoutingEndpoints() {}

    static List<Route> routes(HttpBroadcastSource source) {
        return CHANGES.stream().map(change -> Route.of(change.method(), change.path(), request -> handle(source, change, request)))
                .toList();
    }

    /** The same routes, answering 404 with how to enable the source named {@code source}. */
    static List<Route> disabled(String source) {
        return CHANGES.stream().map(change -> Route.of(change.method(), change.path(), request -> {
            throw ApiException.notFound("the " + source + " broadcast source is disabled: add \"" + source
                    + "\" to steward.broadcast-sources to accept " + change.what() + " over HTTP");
        })).toList();
    }

    private static ApiResponse handle(HttpBroadcastSource source, Change change, ApiRequest request) {
        Broadcast broadcast;
        try {
            broadcast = change.decoder().apply(request);
        } catch (InvalidBroadcastException invalid) {
            source.reject(change.kind(), invalid);
            throw ApiException.badRequest(invalid.field(), invalid.getMessage());
        } catch (ApiException refused) {
            source.reject(change.kind(), new InvalidBroadcastException(refused.field(), refused.getMessage()));
            throw refused;
        }
        long revision;
        try {
            revision = source.deliver(broadcast);
        } catch (InvalidBroadcastException clash) {
            source.reject(change.kind(), clash);
            throw ApiException.badRequest(clash.field(), clash.getMessage());
        } catch (UnknownGroupException unknown) {
            source.reject(change.kind(), new InvalidBroadcastException(NAME, unknown.getMessage()));
            throw ApiException.notFound(unknown.getMessage());
        } catch (HttpJournalException | NotAcceptedException unstored) {
            LOG.error("{} over HTTP not accepted: {}", change.kind().field(), unstored.getMessage());
            throw ApiException.of(HttpStatus.SERVICE_UNAVAILABLE, "", "not accepted, the last accepted state keeps serving: "
                    + unstored.getMessage());
        }
        return ApiResponse.json(HttpStatus.ACCEPTED, Map.of("revision", revision));
    }

    /** The group's name from the path, in the alphabet of names in bodies. */
    private static String name(ApiRequest request) {
        return ModelRules.requireName(NAME, request.pathParameter(NAME));
    }
}
