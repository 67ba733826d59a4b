package dev.steward.etcd;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.steward.api.PluginContext;
import dev.steward.api.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Etcd sources and settings as the provider builds them, with short timings for tests. */
final class TestSources {
    static final String PREFIX = "/fleet";
    /** Timings short enough that a test sees leases expire and retries happen within seconds. */
    static final String SHORT_TIMINGS = """
            lease-ttl = 2s
            connect-timeout = 1s
            request-timeout = 2s
            retry { initial = 50ms, max = 500ms }
            """;

    private TestSources() {}

    /** The plugin's reference.conf, every default of {@code steward.sources.etcd}. */
    static Config reference() {
        try (InputStream stream = EtcdSourceProvider.class.getResourceAsStream("/reference.conf");
                Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return ConfigFactory.parseReader(reader);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The settings subtree: {@code overrides} over short test timings over the reference. */
    static Config settings(URI endpoint, String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseString("""
                        endpoints = ["%s"]
                        prefix = "%s"
                        %s
                        """.formatted(endpoint, PREFIX, SHORT_TIMINGS)))
                .withFallback(reference().getConfig("steward.sources.etcd"))
                .resolve();
    }

    static EtcdBroadcastSource create(URI endpoint, String nodeId, RecordingMetrics metrics, Path home) {
        return create(endpoint, nodeId, metrics, home, "");
    }

    /** @param overrides more settings of {@code steward.sources.etcd}, such as TLS files or credentials */
    static EtcdBroadcastSource create(URI endpoint, String nodeId, RecordingMetrics metrics, Path home, String overrides) {
        return (EtcdBroadcastSource) new EtcdSourceProvider().create(new PluginContext("etcd", settings(endpoint, overrides),
                "steward.sources.etcd", nodeId, home, home, TimeSource.system(), metrics));
    }

    static KeyLayout layout() {
        return new KeyLayout(PREFIX);
    }
}
