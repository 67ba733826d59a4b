package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSource;
import dev.steward.api.BroadcastSourceProvider;
import dev.steward.api.PluginContext;

/** The broadcast source named {@code etcd}, with its settings under {@code steward.sources.etcd}. */
public final class EtcdSourceProvider implements BroadcastSourceProvider {
    @Override
    public String name() {
        return "etcd";
    }

    /** Validates the settings; connects only when the source starts, so that {@code steward check} needs no etcd. */
    @Override
    public BroadcastSource create(PluginContext context) {
        requireNonNull(context, "context is null");
        EtcdSettings settings = EtcdSettings.read(context.settingsReader(), context::resolve);
        return new EtcdBroadcastSource(settings, context.nodeId(), new EtcdMetrics(context.metrics()));
    }
}
