package dev.steward.api;

import static java.util.Objects.requireNonNull;

/**
 * A successful apply.
 *
 * @param mode runtime update or reload
 * @param reason why this mode, for the log: {@code "group app2 added"}, {@code "3 runtime commands"}
 */
public record ApplyOutcome(ApplyMode mode, String reason) {
    public ApplyOutcome {
        requireNonNull(mode, "mode is null");
        requireNonNull(reason, "reason is null");
    }
}
