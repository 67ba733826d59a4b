package dev.steward.haproxy;

import dev.steward.api.metrics.Metrics;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.apply.Applier;
import dev.steward.haproxy.apply.DriftRepair;
import dev.steward.haproxy.config.ConfigRenderer;
import dev.steward.haproxy.output.AccessLogReceiver;
import dev.steward.haproxy.output.OutputFiles;
import dev.steward.haproxy.plan.ApplyPlanner;
import dev.steward.haproxy.process.Adopter;
import dev.steward.haproxy.process.ExitPoller;
import dev.steward.haproxy.process.Installation;
import dev.steward.haproxy.process.ProcessRecords;
import dev.steward.haproxy.process.ProcessStopper;
import dev.steward.haproxy.process.RetiringGate;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.process.Takeover;
import dev.steward.haproxy.runtime.RuntimeApi;
import dev.steward.haproxy.serving.Inheritance;
import dev.steward.haproxy.serving.Processes;
import dev.steward.haproxy.serving.Reloader;
import dev.steward.haproxy.serving.Restarts;
import dev.steward.haproxy.serving.Shutdown;
import dev.steward.haproxy.serving.Spawner;
import dev.steward.haproxy.serving.StatusReport;
import dev.steward.haproxy.settings.AccessLogTarget;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.Drains;
import dev.steward.haproxy.slots.RuntimeMetrics;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotSync;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** The parts a backend is made of, wired once from its settings; the backend calls them under its lock. */
record BackendParts(
        ConfigRenderer renderer,
        SlotAllocator allocator,
        OutputFiles outputs,
        Installation installation,
        SlotSync slots,
        Processes processes,
        Supervisor supervisor,
        Optional<AccessLogReceiver> accessLog,
        ExitPoller poller,
        Adopter adopter,
        Inheritance inheritance,
        Applier applier,
        DriftRepair driftRepair,
        Restarts restarts,
        StatusReport statusReport,
        Shutdown shutdown,
        BackgroundTasks background) {
    /** @param restarter how the supervisor reaches the backend when the serving process exits */
    static BackendParts wire(HaproxySettings settings, RuntimePaths paths, Path home, TimeSource time, Metrics metrics,
            Supervisor.Restarter restarter) {
        ConfigRenderer renderer = new ConfigRenderer(settings, paths);
        SlotAllocator allocator = new SlotAllocator(settings.poolMinSize());
        OutputFiles outputs = new OutputFiles(paths.logs(), settings.logs());
        Installation installation = new Installation(settings, paths, home, outputs);
        RuntimeApi api = new RuntimeApi(paths.adminSocket(), settings.commandTimeout(), time);
        RuntimeMetrics runtimeMetrics = new RuntimeMetrics(metrics);
        SlotSync slots = new SlotSync(api, new Drains(settings.drainTimeout(), time), runtimeMetrics, time,
                settings.commandTimeout());
        ProcessRecords records = new ProcessRecords(paths.processRecord());
        Processes processes = new Processes(records);
        Supervisor supervisor = new Supervisor(restarter, settings.restart(), metrics, time);
        Optional<AccessLogReceiver> accessLog = settings.accessLog().target() == AccessLogTarget.STEWARD
                ? Optional.of(new AccessLogReceiver(paths.accessLogSocket(), settings.accessLog().queueSize(),
                        LoggerFactory.getLogger(AccessLogReceiver.LOGGER), metrics, time))
                : Optional.empty();
        ExitPoller poller = new ExitPoller();
        ProcessStopper stopper = new ProcessStopper(time);
        Spawner spawner = new Spawner(installation, new Takeover(api, time, settings.startTimeout()), stopper, processes);
        RetiringGate gate = new RetiringGate(processes.retiring(), settings.retiring(), time);
        Reloader reloader = new Reloader(renderer, installation, gate, slots, spawner, processes, supervisor, outputs, paths,
                settings.runtimeUpdates(), time);
        return new BackendParts(renderer, allocator, outputs, installation, slots, processes, supervisor, accessLog, poller,
                new Adopter(paths, api, records, outputs, poller),
                new Inheritance(processes, supervisor, paths, time),
                new Applier(new ApplyPlanner(allocator, renderer, settings.runtimeUpdates()), processes, slots, api, reloader,
                        renderer, paths, runtimeMetrics),
                new DriftRepair(processes, slots, reloader, runtimeMetrics),
                new Restarts(spawner, processes, slots, outputs, paths, time),
                new StatusReport(processes, supervisor, gate, settings),
                new Shutdown(processes, stopper, settings.stopTimeout(), paths),
                new BackgroundTasks());
    }
}
