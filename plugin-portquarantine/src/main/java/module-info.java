/**
 * Port quarantine: a {@link dev.steward.api.PortPolicy} that holds a released replica port until no
 * proxy can still route to it, so that a new replica never receives traffic meant for an old one.
 *
 * @provides dev.steward.api.PortPolicyProvider named {@code quarantine}, settings under
 *     {@code steward.port-quarantine}
 */
module dev.steward.portquarantine {
    requires dev.steward.api;
    requires org.slf4j;

    // Nothing is exported: Steward reaches the plugin only through its provider.
    provides dev.steward.api.PortPolicyProvider with dev.steward.portquarantine.QuarantinePortPolicyProvider;
}
