package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.plan.Configuration;
import dev.steward.haproxy.plan.Served;
import dev.steward.haproxy.process.Adoption;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.SlotPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes on what an earlier Steward left running on the data directory (a stop that kept HAProxy, a
 * {@code kill -9} of Steward): the old processes are tracked until they exit, and the serving one
 * keeps its pid and serves on, supervised; the first apply reads its slots back.
 */
public final class Inheritance {
    private static final Logger log = LoggerFactory.getLogger(Inheritance.class);

    private final Processes processes;
    private final Supervisor supervisor;
    private final RuntimePaths paths;
    private final TimeSource time;

    public Inheritance(Processes processes, Supervisor supervisor, RuntimePaths paths, TimeSource time) {
        this.processes = requireNonNull(processes, "processes is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.paths = requireNonNull(paths, "paths is null");
        this.time = requireNonNull(time, "time is null");
    }

    public void takeOn(Adoption adoption) {
        requireNonNull(adoption, "adoption is null");
        for (Adoption.Retired old : adoption.retiring()) {
            processes.retiring().add(old.process(), old.revision(), old.since());
        }
        if (!adoption.retiring().isEmpty()) {
            log.info("Tracking {} that an earlier Steward left finishing connections", adoption.retiring().stream()
                    .map(old -> old.process().describe() + " (revision " + old.revision() + ")").collect(Collectors.joining(", ")));
        }
        adoption.serving().ifPresent(process -> {
            Optional<String> config = liveConfig();
            Served served = new Served(new RoutingState(adoption.revision(), TargetGroups.NONE, FallbackTargets.NONE), SlotPlan.NONE,
                    new Configuration.Adopted(paths.liveConfig(), config));
            processes.serve(new Running(process, served, time.wallTime()));
            processes.spawned(process);
            supervisor.watch(process);
            log.info("Took over {}, which an earlier Steward left serving revision {} or newer; it keeps serving, and the"
                    + " first apply reads its slots back{}", process.describe(), adoption.revision(),
                    config.isPresent() ? "" : " (" + paths.liveConfig() + " is missing, so the first apply replaces it with a reload)");
        });
        processes.record();
    }

    /** The configuration the adopted process started on; an empty file tells as little as a missing one. */
    private Optional<String> liveConfig() {
        try {
            return Optional.of(Files.readString(paths.liveConfig())).filter(text -> !text.isEmpty());
        } catch (IOException missing) {
            return Optional.empty();
        }
    }
}
