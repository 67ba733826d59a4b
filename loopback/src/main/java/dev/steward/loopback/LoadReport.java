package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load's clients saw.
 *
 * @param ok 2xx answers, from the route's own deployment where the route names one
 * @param misroutes 2xx answers from another deployment than the route's
 * @param non2xx answers of any other status
 * @param statuses every answer's status, counted
 * @param refused connections the proxy refused
 * @param closedBeforeResponse keep-alive connections the proxy closed before an answer started; the request
 *     went again on a new connection, as an HTTP client sends it again
 * @param failed timeouts, cut answers, new connections closed before their first answer
 * @param samples the first failures, described
 */
public record LoadReport(long ok, long misroutes, long non2xx, Map<Integer, Long> statuses, long refused,
        long closedBeforeResponse, long failed, List<String> samples, Duration elapsed) {
    public LoadReport {
        statuses = Map.copyOf(requireNonNull(statuses, "statuses is null"));
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
        requireNonNull(elapsed, "elapsed is null");
    }

    /** Requests that got an answer or failed; a request sent again after a closed keep-alive connection counts once. */
    public long requests() {
        return responses() + refused + failed;
    }

    /** Answers other than 2xx, and requests that got no answer. */
    public long errors() {
        return non2xx + refused + failed;
    }

    /** Answers of any status. */
    public long responses() {
        return ok + misroutes + non2xx;
    }

    public double perSecond() {
        return elapsed.isZero() ? 0 : responses() / (elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d responses in %d ms (%.0f/s): %d 2xx, %d misrouted, statuses %s, %d refused,"
                + " %d keep-alive connections closed before a response (sent again), %d failed %s", responses(),
                elapsed.toMillis(), perSecond(), ok, misroutes, statuses, refused, closedBeforeResponse, failed, samples);
    }
}
