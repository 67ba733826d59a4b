package dev.steward.core.http;

import java.util.List;

/**
 * A part of Steward that adds routes to the one API server: a broadcast source that takes its
 * broadcasts over HTTP, or, while no such source is configured, its provider, whose routes answer
 * how to configure it. Its routes join the router's table behind the same canonical-path gate and
 * bearer token as every other route, so the server names no contributor and protects them all.
 */
public interface RouteContributor {
    /** Each method and path at most once, and none that another route of the API has. */
    List<Route> routes();
}
