/**
 * Steward's plugin contract. The root package holds the SPIs and the plugin context, which a plugin's
 * {@code provides} line names; the types they speak in are grouped by topic: {@code model} (the
 * routing model and its codec), {@code proxy} (what a proxy backend reports), {@code source} (what a
 * broadcast source may also do), {@code ports}, {@code config}, {@code time} and {@code metrics}.
 *
 * <p>Plugins compile against this module only. It holds no framework: settings reach a plugin as a
 * typesafe-config subtree inside its {@link dev.steward.api.PluginContext}.
 */
module dev.steward.api {
    requires transitive typesafe.config;

    exports dev.steward.api;
    exports dev.steward.api.config;
    exports dev.steward.api.metrics;
    exports dev.steward.api.model;
    exports dev.steward.api.ports;
    exports dev.steward.api.proxy;
    exports dev.steward.api.source;
    exports dev.steward.api.time;
}
