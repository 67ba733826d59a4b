package dev.steward.core.demo;

/**
 * What the clients saw so far.
 *
 * @param errors answers other than 200, and requests that got no answer
 * @param misroutes 200s from a deployment other than the route's
 */
public record LoadReport(long requests, long errors, long misroutes) {}
