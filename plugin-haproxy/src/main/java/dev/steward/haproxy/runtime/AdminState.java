package dev.steward.haproxy.runtime;

import java.util.Locale;

/** Whether HAProxy may send a server new requests: the word {@code set server ... state} takes. */
public enum AdminState {
    /** New requests welcome. */
    READY,
    /** No new requests; those in flight finish. */
    DRAIN,
    /** No requests at all, and no health checks. */
    MAINT;

    /**
     * Maintenance someone asked for, or inherited from a tracked server. The flag of a name that did
     * not resolve (0x20) is left out: no command clears it, the server stays down until a start
     * resolves the name, and counting it as maintenance would have every reconcile "repair" it again.
     */
    private static final int MAINTENANCE_FLAGS = 0x01 | 0x02;
    /** Drain, forced or inherited (SRV_ADMF_DRAIN). */
    private static final int DRAIN_FLAGS = 0x08 | 0x10;

    /**
     * The state a {@code srv_admin_state} mask of {@code show servers state} means. The flag a
     * {@code disabled} server line sets (0x04) only records where the server came from: it stays
     * after {@code state ready} and means nothing on its own.
     */
    static AdminState ofFlags(int flags) {
        if ((flags & MAINTENANCE_FLAGS) != 0) {
            return MAINT;
        }
        return (flags & DRAIN_FLAGS) != 0 ? DRAIN : READY;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
