module dev.steward.haproxy {
    requires dev.steward.api;
}
