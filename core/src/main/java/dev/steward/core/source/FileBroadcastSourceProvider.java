package dev.steward.core.source;

import dev.steward.api.BroadcastSource;
import dev.steward.api.BroadcastSourceProvider;
import dev.steward.api.PluginContext;
import dev.steward.api.config.Settings;
import java.time.Duration;

/** The built-in {@code file} source: a routing state file watched for edits. */
public final class FileBroadcastSourceProvider implements BroadcastSourceProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public BroadcastSource create(PluginContext context) {
        Settings settings = context.settingsReader();
        String path = settings.string("path");
        Duration pollInterval = settings.duration("poll-interval", Duration.ofMillis(10), Duration.ofMinutes(1));
        settings.validate();
        return new FileBroadcastSource(new FileSourceSettings(context.resolve(path), path, pollInterval));
    }
}
