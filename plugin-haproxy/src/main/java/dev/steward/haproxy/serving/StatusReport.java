package dev.steward.haproxy.serving;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.BackendStatus;
import dev.steward.haproxy.process.HaproxyProcess;
import dev.steward.haproxy.process.RetiringGate;
import dev.steward.haproxy.process.RetiringProcess;
import dev.steward.haproxy.process.Supervisor;
import dev.steward.haproxy.settings.HaproxySettings;
import java.util.Optional;

/** What the backend's status says: the serving process and its revision, restarts, old processes, a reload that waits. */
public final class StatusReport {
    private final Processes processes;
    private final Supervisor supervisor;
    private final RetiringGate gate;
    private final HaproxySettings settings;

    public StatusReport(Processes processes, Supervisor supervisor, RetiringGate gate, HaproxySettings settings) {
        this.processes = requireNonNull(processes, "processes is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** @param closed whether the backend is closed */
    public BackendStatus status(boolean closed) {
        Optional<Running> current = processes.serving();
        Optional<HaproxyProcess> spawned = processes.lastSpawned();
        Optional<HaproxyProcess> shown = current.map(Running::process).or(() -> spawned);
        BackendStatus.Builder status = BackendStatus.builder()
                .restarts(supervisor.restarts())
                .detail(detail(closed, current, spawned))
                .onStop(settings.onStop())
                .frontend(settings.bind().clientUri(settings.tlsCertificate().isPresent()))
                .detail("spawn", spawned.map(HaproxyProcess::spawn).orElse(0L))
                .detail("stderrLog", shown.map(process -> process.stderr().toString()))
                .detail("retiring", processes.retiring().list().stream().map(RetiringProcess::asDetail).toList());
        current.ifPresent(serving -> status.pid(serving.process().pid()));
        return status.build();
    }

    private String detail(boolean closed, Optional<Running> current, Optional<HaproxyProcess> spawned) {
        if (closed) {
            return "stopped";
        }
        if (current.isPresent()) {
            return (current.get().adopted() ? "adopted, serving revision " + current.get().state().revision() + " or newer"
                    : "serving revision " + current.get().state().revision())
                    + gate.waiting().map(note -> "; " + note).orElse("");
        }
        return supervisor.pending().orElseGet(() -> spawned.map(process -> process.describe() + " is not running")
                .orElse("not started"));
    }
}
