package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.settings.RestartPolicy;
import java.time.Duration;

/**
 * The wait before each restart of an HAProxy that exited unexpectedly: {@code delay} at first, doubled
 * for each exit that follows before the process has served {@code maxDelay}, never longer than that.
 * A process that served longer counts as healthy, and the next wait is {@code delay} again.
 */
public final class RestartBackoff {
    private final RestartPolicy policy;
    private Duration last = Duration.ZERO;

    RestartBackoff(RestartPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    /** The wait before restarting a process that served for {@code uptime}; zero for one that never served. */
    synchronized Duration next(Duration uptime) {
        requireNonNull(uptime, "uptime is null");
        if (last.isZero() || uptime.compareTo(policy.maxDelay()) >= 0) {
            last = policy.delay();
        } else {
            Duration doubled = last.multipliedBy(2);
            last = doubled.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : doubled;
        }
        return last;
    }
}
