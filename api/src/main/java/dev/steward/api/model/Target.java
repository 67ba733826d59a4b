package dev.steward.api.model;

/**
 * One replica endpoint.
 *
 * @param host an IP literal or a DNS name
 * @param port 1 to 65535
 * @param replicaId the replica's identity, in the name alphabet
 * @param weight the share of traffic relative to its peers, 0 to 256 (0 sends it no new requests)
 */
public record Target(String host, int port, String replicaId, int weight) {
    public static final int DEFAULT_WEIGHT = 1;

    public Target {
        ModelRules.requireHost("host", host);
        ModelRules.requirePort("port", port);
        ModelRules.requireName("replicaId", replicaId);
        ModelRules.requireWeight("weight", weight);
    }

    public Target(String host, int port, String replicaId) {
        this(host, port, replicaId, DEFAULT_WEIGHT);
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
