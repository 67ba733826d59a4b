package dev.steward.bench.proving;

/**
 * What a load's clients counted, whichever generator ran it.
 *
 * @param errors answers other than 200, and requests that got no answer
 * @param misroutes 200s from a deployment other than the route's
 */
record LoadCounts(long requests, long errors, long misroutes) {}
