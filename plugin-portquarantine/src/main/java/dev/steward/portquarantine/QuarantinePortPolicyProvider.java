package dev.steward.portquarantine;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PluginContext;
import dev.steward.api.PortPolicy;
import dev.steward.api.PortPolicyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The port policy named {@code quarantine}, with its settings under {@code steward.port-quarantine}. */
public final class QuarantinePortPolicyProvider implements PortPolicyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantinePortPolicyProvider.class);

    @Override
    public String name() {
        return "quarantine";
    }

    @Override
    public String settingsKey() {
        return "port-quarantine";
    }

    /**
     * @throws dev.steward.api.config.InvalidConfigException listing every bad setting
     * @throws PortStateFileException when the saved state exists but cannot be read
     */
    @Override
    public PortPolicy create(PluginContext context) {
        requireNonNull(context, "context is null");
        QuarantineSettings settings = QuarantineSettings.read(context.settingsReader());
        StateFile stateFile = new StateFile(context.dataDirectory().resolve(settings.stateFile()), settings.range());
        PortBook loaded = stateFile.load(context.time().monotonicNanos());
        LOG.info("port quarantine: range {}, window {}, cap {}{}, state {} with {} node(s)", settings.range(), settings.window(),
                settings.cap(), settings.convergenceGate() ? "" : ", no convergence gate (timer only)", stateFile.path(),
                loaded.nodes().size());
        return new QuarantinePortPolicy(settings, context.time(), stateFile, new PortMetrics(context.metrics()), loaded);
    }
}
