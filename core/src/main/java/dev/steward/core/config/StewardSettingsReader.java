package dev.steward.core.config;

import dev.steward.api.config.Settings;
import dev.steward.api.model.ModelRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Reads {@link StewardSettings} from the merged configuration, collecting every problem. */
public final class StewardSettingsReader {
    private static final Duration MAX_WINDOW = Duration.ofMinutes(1);
    private static final long MIN_BODY = 1024;
    private static final long MAX_BODY = 64L * 1024 * 1024;

    private StewardSettingsReader() {}

    /** Reads the settings; problems land in {@code settings} for the caller to report with the others. */
    public static StewardSettings read(Settings settings, Path home) {
        String nodeId = settings.optionalString("node-id").orElseGet(StewardSettingsReader::hostName);
        if (!ModelRules.isName(nodeId)) {
            settings.problem("node-id", "expected a name matching " + ModelRules.NAME_PATTERN + ", found \"" + nodeId + "\"");
        }
        Path dataDirectory = home.resolve(settings.string("data-dir")).normalize();
        Path pluginsDirectory = home.resolve(settings.string("plugins-dir")).normalize();
        CoalesceSettings coalesce = coalesce(settings.section("coalesce"));
        String proxyBackend = name(settings, "proxy-backend");
        List<String> sources = settings.strings("broadcast-sources");
        if (new HashSet<>(sources).size() != sources.size()) {
            settings.problem("broadcast-sources", "names a source twice: " + sources);
        }
        sources.stream().filter(source -> !ModelRules.isName(source)).forEach(source ->
                settings.problem("broadcast-sources", "expected names matching " + ModelRules.NAME_PATTERN + ", found \"" + source + "\""));
        String portPolicy = name(settings, "port-policy");
        PortGateScope portGate = portGate(settings.section("port-gate"));
        ApiSettings api = api(settings.section("api"));
        return new StewardSettings(nodeId, dataDirectory, pluginsDirectory, coalesce, proxyBackend, sources, portPolicy,
                portGate, api);
    }

    private static CoalesceSettings coalesce(Settings coalesce) {
        Duration window = coalesce.duration("window", Duration.ZERO, MAX_WINDOW);
        int quickRetries = coalesce.integer("quick-retries", 0, 100);
        Duration backoffInitial = coalesce.duration("backoff-initial", Duration.ofMillis(1), Duration.ofHours(1));
        Duration backoffMax = coalesce.duration("backoff-max", Duration.ofMillis(1), Duration.ofHours(1));
        if (backoffMax.compareTo(backoffInitial) < 0) {
            coalesce.problem("backoff-max", "must be at least backoff-initial (" + backoffInitial + "), found " + backoffMax);
        }
        return new CoalesceSettings(window, quickRetries, backoffInitial, backoffMax);
    }

    private static PortGateScope portGate(Settings portGate) {
        String scope = portGate.string("scope");
        return PortGateScope.fromLabel(scope).orElseGet(() -> {
            if (portGate.has("scope")) {
                portGate.problem("scope", "expected node or fleet, found " + ModelRules.quote(scope));
            }
            return PortGateScope.NODE;
        });
    }

    private static ApiSettings api(Settings api) {
        HostPort bind = HostPort.parse(api, "bind");
        Optional<String> token = api.optionalString("token");
        token.ifPresent(value -> {
            if (value.length() < 16 || value.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                api.problem("token", "expected at least 16 printable ASCII characters without spaces");
            }
        });
        if (token.isEmpty() && !bind.isLoopback()) {
            api.problem("bind", "binds " + bind.host() + ", which is not a loopback address, and no token is set;"
                    + " set steward.api.token (or STEWARD_API_TOKEN) or bind 127.0.0.1");
        }
        long maxBody = api.bytes("max-body", MIN_BODY, MAX_BODY);
        // The JDK's HTTP server counts these timeouts in whole seconds.
        Duration requestTimeout = api.duration("request-timeout", Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (requestTimeout.toMillis() % 1000 != 0) {
            api.problem("request-timeout", "expected whole seconds, found " + requestTimeout);
        }
        return new ApiSettings(bind.host(), bind.port(), token, maxBody, requestTimeout);
    }

    private static String name(Settings settings, String key) {
        return settings.string(key, ModelRules::isName, "a name matching " + ModelRules.NAME_PATTERN);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }
}
