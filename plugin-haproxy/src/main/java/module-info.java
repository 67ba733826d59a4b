/**
 * Steward's HAProxy backend: renders the routing state into HAProxy's configuration, checks it with
 * {@code haproxy -c}, and runs HAProxy with hitless reloads, output to files and a runtime API client.
 *
 * <p>Exports nothing: Steward reaches the plugin only through its provider.
 *
 * @provides dev.steward.api.ProxyBackendProvider the {@code haproxy} backend, settings under {@code steward.haproxy}
 */
module dev.steward.haproxy {
    requires dev.steward.api;
    requires org.slf4j;

    provides dev.steward.api.ProxyBackendProvider with
            dev.steward.haproxy.HaproxyBackendProvider;
}
