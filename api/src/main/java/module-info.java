/**
 * Steward's plugin contract: the immutable routing model and the three SPIs.
 *
 * <p>Plugins compile against this module only. It holds no framework: settings reach a plugin as a
 * typesafe-config subtree inside its {@link dev.steward.api.PluginContext}.
 */
module dev.steward.api {
    requires transitive typesafe.config;

    exports dev.steward.api;
    exports dev.steward.api.model;
}
