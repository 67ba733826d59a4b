package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

/**
 * The state of one port that is not free. A node keeps one state per port in a single map, so a
 * port cannot be, say, free and quarantined at once: the bug found in review of the original system.
 */
sealed interface PortState {
    /** Handed to a replica. */
    record Allocated(String owner) implements PortState {
        public Allocated {
            requireNonNull(owner, "owner is null");
        }
    }

    /**
     * Released and held. Deadlines are on the monotonic clock of this process; they are compared by
     * difference because the clock's origin is arbitrary.
     *
     * @param releasedRevision the proxies must serve at least this revision before the port returns
     * @param windowEndsNanos the port is held at least until then
     * @param capEndsNanos the port returns then even without the proxies' confirmation
     */
    record Quarantined(long releasedRevision, long windowEndsNanos, long capEndsNanos) implements PortState {
        Verdict verdict(long nowNanos, long appliedRevision) {
            if (reached(nowNanos, windowEndsNanos) && appliedRevision >= releasedRevision) {
                return Verdict.RETURN;
            }
            return reached(nowNanos, capEndsNanos) ? Verdict.RETURN_AT_CAP : Verdict.HOLD;
        }

        long windowLeftNanos(long nowNanos) {
            return Math.max(0, windowEndsNanos - nowNanos);
        }

        long capLeftNanos(long nowNanos) {
            return Math.max(0, capEndsNanos - nowNanos);
        }

        private static boolean reached(long nowNanos, long deadlineNanos) {
            return nowNanos - deadlineNanos >= 0;
        }
    }

    /** Taken out for good. */
    record Blocked() implements PortState {}

    /** Whether a quarantined port may go back to the pool now. */
    enum Verdict {
        HOLD,
        /** Its window has passed and the proxies confirmed a revision that no longer routes to it. */
        RETURN,
        /** The cap has passed without the proxies' confirmation. */
        RETURN_AT_CAP
    }
}
