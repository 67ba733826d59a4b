package dev.steward.portquarantine;

import dev.steward.api.model.ModelRules;
import dev.steward.api.ports.PortRequestException;
import dev.steward.api.ports.PortRequestException.Kind;

/** Checks the parts of a port request that come from outside: each failure names the field. */
final class PortRequests {
    private PortRequests() {}

    /** A node name or an owner: both end up in logs, metrics labels and the state file. */
    static String requireName(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new PortRequestException(Kind.INVALID, field, "is required");
        }
        if (!ModelRules.isName(value)) {
            throw new PortRequestException(Kind.INVALID, field,
                    "must match " + ModelRules.NAME_PATTERN + ", found " + ModelRules.quote(value));
        }
        return value;
    }

    static int requireInRange(PortRange range, int port) {
        if (!range.contains(port)) {
            throw new PortRequestException(Kind.INVALID, "port", "must be in the range " + range + ", found " + port);
        }
        return port;
    }

    static long requireRevision(long revision) {
        if (revision < 0) {
            throw new PortRequestException(Kind.INVALID, "revision", "must be >= 0, found " + revision);
        }
        return revision;
    }
}
