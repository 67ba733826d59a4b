package dev.steward.loopback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What a load loop's connections count, together; a wait for more answers waits on this object. */
final class LoadCounters {
    private static final int MAX_SAMPLES = 10;

    private long ok;
    private long misroutes;
    private long non2xx;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long refused;
    private long closedBeforeResponse;
    private long failed;
    private final List<String> samples = new ArrayList<>();
    private boolean stopped;

    /** Counts an answer; a 2xx with a body from another deployment than the route's is a misroute. */
    synchronized void answer(LoadRoute route, int status, String body) {
        statuses.merge(status, 1L, Long::sum);
        if (status < 200 || status >= 300) {
            non2xx++;
        } else if (route.deployment().map(expected -> !Replica.answeredBy(body, expected)).orElse(false)) {
            misroutes++;
        } else {
            ok++;
        }
        notifyAll();
    }

    synchronized void refused(String why) {
        refused++;
        sample("refused: " + why);
    }

    synchronized void closedBeforeResponse() {
        closedBeforeResponse++;
    }

    synchronized void failed(String why) {
        failed++;
        sample(why);
    }

    synchronized long responses() {
        return ok + misroutes + non2xx;
    }

    /** @return whether {@code target} answers had arrived before {@code bound} passed or the load stopped */
    synchronized boolean awaitResponses(long target, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        for (long left = bound.toNanos(); responses() < target && !stopped && left > 0; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return responses() >= target;
    }

    /** The load stops: whoever waits for more answers stops waiting. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    synchronized LoadReport report(Duration elapsed) {
        return new LoadReport(ok, misroutes, non2xx, statuses, refused, closedBeforeResponse, failed, samples, elapsed);
    }

    private void sample(String failure) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(failure);
        }
    }
}
