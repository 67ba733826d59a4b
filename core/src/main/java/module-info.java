module dev.steward.core {
    requires dev.steward.api;
}
