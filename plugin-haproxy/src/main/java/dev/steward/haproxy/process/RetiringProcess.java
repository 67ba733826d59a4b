package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An old HAProxy process that finishes its connections after a reload. It routes with a frozen view:
 * the revision it served when it was replaced.
 */
public record RetiringProcess(long pid, long revision, Instant since) {
    public RetiringProcess {
        requireNonNull(since, "since is null");
    }

    /** As status shows it. */
    public Map<String, Object> asDetail() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("pid", pid);
        shown.put("revision", revision);
        shown.put("since", since.toString());
        return shown;
    }
}
