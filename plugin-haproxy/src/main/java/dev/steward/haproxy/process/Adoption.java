package dev.steward.haproxy.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an earlier Steward left running on this data directory and this one takes over.
 *
 * @param serving the process that answers on the admin socket, if one does
 * @param revision the revision it was written down with: the newest it routes by, or older
 * @param retiring old processes still finishing their connections
 */
public record Adoption(Optional<HaproxyProcess> serving, long revision, List<Retired> retiring) {
    static final Adoption NONE = new Adoption(Optional.empty(), 0, List.of());

    public Adoption {
        requireNonNull(serving, "serving is null");
        retiring = List.copyOf(requireNonNull(retiring, "retiring is null"));
    }

    /** An old process with the revision it routes by and since when it retires. */
    public record Retired(HaproxyProcess process, long revision, Instant since) {
        public Retired {
            requireNonNull(process, "process is null");
            requireNonNull(since, "since is null");
        }
    }
}
