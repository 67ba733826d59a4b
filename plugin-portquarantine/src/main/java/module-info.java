module dev.steward.portquarantine {
    requires dev.steward.api;
}
