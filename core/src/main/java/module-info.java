/**
 * Steward's core: the coalescing engine, Guice wiring, configuration, plugin loading, the HTTP API,
 * the command line and the built-in sources.
 *
 * @uses dev.steward.api.ProxyBackendProvider
 * @uses dev.steward.api.BroadcastSourceProvider
 * @uses dev.steward.api.PortPolicyProvider
 * @uses dev.steward.api.CommandProvider
 * @provides dev.steward.api.BroadcastSourceProvider the {@code file} and {@code http} sources
 */
module dev.steward.core {
    requires dev.steward.api;
    requires com.google.guice;
    requires com.google.common;
    // An automatic Guice needs jakarta.inject resolved beside it, or createInjector fails at run time.
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    // steward stop asks the daemon over HTTP.
    requires java.net.http;
    // The demo's replicas, and the clients that check every answer they give through the proxy.
    requires dev.steward.loopback;
    requires org.slf4j;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;

    exports dev.steward.core;

    uses dev.steward.api.ProxyBackendProvider;
    uses dev.steward.api.BroadcastSourceProvider;
    uses dev.steward.api.PortPolicyProvider;
    uses dev.steward.api.CommandProvider;

    provides dev.steward.api.BroadcastSourceProvider with
            dev.steward.core.source.FileBroadcastSourceProvider,
            dev.steward.core.source.http.HttpBroadcastSourceProvider;

    // Guice builds the daemon's objects by reflection, in this package only (the architecture rules say so).
    opens dev.steward.core.daemon to com.google.guice;
}
