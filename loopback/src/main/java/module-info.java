/**
 * Replicas on loopback and clients that load a proxy with requests and check every answer. They are
 * what {@code steward demo} runs beside its HAProxy, so they ship in the runtime image; the tests of
 * every module and the benchmarks run the same ones. The JDK alone serves and sends: no HTTP library,
 * so that a replica can misbehave exactly as told (hold, cut, refuse, fall silent).
 */
module dev.steward.loopback {
    // A replica names itself as a Target of the routing model.
    requires transitive dev.steward.api;

    exports dev.steward.loopback;
}
