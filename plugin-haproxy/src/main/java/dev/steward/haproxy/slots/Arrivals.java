package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.runtime.RuntimeApiException;
import dev.steward.haproxy.runtime.RuntimeCommand;
import dev.steward.haproxy.runtime.ServerState;
import dev.steward.haproxy.runtime.ServersState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Waits until HAProxy shows the addresses slots were just pointed at. HAProxy 3 answers
 * {@code set server ... addr} at once but applies the address a moment later, from a task of its
 * own; a slot that left maintenance before then is checked, and sent requests, at its old address
 * (the placeholder of a free slot refuses them, and a check with {@code fall 1} takes the slot
 * down). HAProxy 2.6 shows the new address at once: one look per backend.
 */
final class Arrivals {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(1);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(50);

    private final RuntimeApi api;
    private final TimeSource time;
    private final Duration bound;

    /** @param bound how long HAProxy may take to show the addresses */
    Arrivals(RuntimeApi api, TimeSource time, Duration bound) {
        this.api = requireNonNull(api, "api is null");
        this.time = requireNonNull(time, "time is null");
        this.bound = requireNonNull(bound, "bound is null");
    }

    /** @throws RuntimeApiException naming the address command of a slot HAProxy does not show at its address in time */
    void await(List<SlotMove> moves) {
        requireNonNull(moves, "moves is null");
        long deadline = time.monotonicNanos() + bound.toNanos();
        Duration pause = FIRST_PAUSE;
        List<SlotMove> pending = moves;
        while (!(pending = stillAway(pending)).isEmpty()) {
            if (time.monotonicNanos() - deadline >= 0) {
                SlotMove late = pending.getFirst();
                throw new RuntimeApiException(RuntimeCommand.address(late.server(), late.ip(), late.port()).text(),
                        "HAProxy still shows another address for " + late.server() + " after " + bound.toMillis() + " ms");
            }
            pause(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** The moves HAProxy does not show yet, asking only the backends they are in. */
    private List<SlotMove> stillAway(List<SlotMove> moves) {
        Map<String, List<SlotMove>> byBackend = moves.stream()
                .collect(Collectors.groupingBy(move -> move.server().backend()));
        return byBackend.entrySet().stream()
                .flatMap(backend -> {
                    ServersState shown = ServersState.parse(api.showServersState(backend.getKey()));
                    return backend.getValue().stream().filter(move -> !arrived(shown.server(move.server()), move));
                })
                .toList();
    }

    private static boolean arrived(Optional<ServerState> shown, SlotMove move) {
        return shown.filter(server -> server.port() == move.port() && Reconciler.sameIp(move.ip(), server.address())).isPresent();
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RuntimeApiException("show servers state", "interrupted while waiting for HAProxy to show new addresses",
                    interrupted);
        }
    }
}
