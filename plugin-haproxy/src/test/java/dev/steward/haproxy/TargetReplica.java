package dev.steward.haproxy;

import dev.steward.api.model.Target;

/** A replica a test runs on loopback, known to HAProxy as the target it names. */
interface TargetReplica {
    Target target();
}
