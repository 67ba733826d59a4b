package dev.steward.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a proxy backend reports about its process.
 *
 * @param pid the serving process, when one runs
 * @param spawn how many processes were spawned so far (the number in the current log file names)
 * @param restarts unexpected exits that were restarted
 * @param stderrLog the current process's stderr file
 * @param retiring old processes still finishing connections
 * @param detail a short human summary, such as {@code "serving"} or {@code "restarting in 2s"}
 */
public record BackendStatus(
        OptionalLong pid, long spawn, long restarts, Optional<String> stderrLog, List<RetiringProcess> retiring, String detail) {
    public BackendStatus {
        requireNonNull(pid, "pid is null");
        requireNonNull(stderrLog, "stderrLog is null");
        retiring = List.copyOf(requireNonNull(retiring, "retiring is null"));
        requireNonNull(detail, "detail is null");
    }
}
