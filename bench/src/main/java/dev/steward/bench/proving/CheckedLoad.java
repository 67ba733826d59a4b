package dev.steward.bench.proving;

/**
 * Clients on loopback that request the routes through the proxy for a bounded time and check every
 * answer: a 200 from the route's own deployment is good, a 200 from another deployment a misroute,
 * anything else (another status, a refused, reset, cut or timed-out exchange) an error.
 */
interface CheckedLoad extends AutoCloseable {
    /** Waits until the load has run its time, and returns what its clients saw. */
    LoadResult awaitEnd();

    /** Stops the clients at once, if they still run; idempotent. */
    @Override
    void close();
}
