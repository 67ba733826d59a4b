package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The validated settings of the etcd source ({@code steward.sources.etcd}).
 *
 * @param connection how to reach the cluster
 * @param layout where the keys live
 * @param leaseTtl the time to live of the lease that holds this node's acknowledgement
 * @param retry the waits between failed attempts
 */
record EtcdSettings(Connection connection, KeyLayout layout, Duration leaseTtl, Backoff.Limits retry) {
    /** etcd raises any shorter time to live to its own minimum, about 1.5 s with default timings. */
    static final Duration MIN_LEASE_TTL = Duration.ofSeconds(2);

    private static final URI PLACEHOLDER_ENDPOINT = URI.create("http://127.0.0.1:2379");

    EtcdSettings {
        requireNonNull(connection, "connection is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(leaseTtl, "leaseTtl is null");
        requireNonNull(retry, "retry is null");
    }

    /**
     * Reads and validates every key.
     *
     * @param resolve turns a configured path into an absolute one (relative to the distribution's home)
     * @throws dev.steward.api.config.InvalidConfigException listing every bad key with its path and origin
     */
    static EtcdSettings read(Settings settings, Function<String, Path> resolve) {
        requireNonNull(settings, "settings is null");
        requireNonNull(resolve, "resolve is null");
        List<URI> endpoints = endpoints(settings);
        String prefix = settings.string("prefix", KeyLayout::isPrefix, KeyLayout.EXPECTED_PREFIX);
        Duration connectTimeout = settings.duration("connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration requestTimeout = settings.duration("request-timeout", Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration leaseTtl = settings.duration("lease-ttl", MIN_LEASE_TTL, Duration.ofHours(1));
        Backoff.Limits retry = retry(settings.section("retry"));
        Optional<Connection.Tls> tls = tls(settings.section("tls"), endpoints, resolve);
        Optional<Connection.Credentials> credentials = credentials(settings.section("auth"));
        settings.validate();
        return new EtcdSettings(new Connection(endpoints, tls, credentials, connectTimeout, requestTimeout),
                new KeyLayout(prefix), leaseTtl, retry);
    }

    private static List<URI> endpoints(Settings settings) {
        List<String> values = settings.strings("endpoints");
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Optional<URI> endpoint = Endpoints.parse(values.get(i));
            if (endpoint.isPresent()) {
                endpoints.add(endpoint.get());
            } else {
                settings.problem("endpoints", "expected " + Endpoints.EXPECTED + ", found \"" + values.get(i) + "\" (item " + i
                        + ")");
            }
        }
        if (settings.has("endpoints") && values.isEmpty()) {
            settings.problem("endpoints", "expected at least one URL");
        }
        if (Endpoints.mixed(endpoints)) {
            settings.problem("endpoints", "mixes http and https URLs; use one scheme for all");
        }
        return endpoints.isEmpty() ? List.of(PLACEHOLDER_ENDPOINT) : endpoints;
    }

    private static Backoff.Limits retry(Settings retry) {
        int problemsBefore = retry.problems().size();
        Duration initial = retry.duration("initial", Duration.ofMillis(1), Duration.ofMinutes(10));
        Duration max = retry.duration("max", Duration.ofMillis(1), Duration.ofHours(1));
        if (retry.problems().size() == problemsBefore && max.compareTo(initial) < 0) {
            retry.problem("max", "must be at least initial (" + initial + "), found " + max);
            return new Backoff.Limits(initial, initial);
        }
        return new Backoff.Limits(initial, max.compareTo(initial) < 0 ? initial : max);
    }

    private static Optional<Connection.Tls> tls(Settings tls, List<URI> endpoints, Function<String, Path> resolve) {
        Optional<Path> ca = readable(tls, "ca-file", resolve);
        Optional<Path> cert = readable(tls, "cert-file", resolve);
        Optional<Path> key = readable(tls, "key-file", resolve);
        if (cert.isPresent() != key.isPresent()) {
            tls.problem(cert.isPresent() ? "key-file" : "cert-file", "is required with "
                    + (cert.isPresent() ? "cert-file" : "key-file") + ": a client certificate needs both");
        }
        boolean configured = ca.isPresent() || cert.isPresent() || key.isPresent();
        if (!Endpoints.secure(endpoints)) {
            if (configured) {
                tls.problem(ca.isPresent() ? "ca-file" : "cert-file", "is set but the endpoints are not https");
            }
            return Optional.empty();
        }
        Optional<Connection.ClientCertificate> client = cert.isPresent() && key.isPresent()
                ? Optional.of(new Connection.ClientCertificate(cert.get(), key.get()))
                : Optional.empty();
        return Optional.of(new Connection.Tls(ca, client));
    }

    private static Optional<Path> readable(Settings tls, String key, Function<String, Path> resolve) {
        Optional<Path> file = tls.optionalString(key).map(resolve);
        file.filter(path -> !Files.isReadable(path)).ifPresent(path -> tls.problem(key, "cannot read " + path));
        return file;
    }

    private static Optional<Connection.Credentials> credentials(Settings auth) {
        Optional<String> user = auth.optionalString("user");
        Optional<String> password = auth.optionalString("password");
        if (user.isPresent() != password.isPresent()) {
            auth.problem(user.isPresent() ? "password" : "user", "is required with "
                    + (user.isPresent() ? "user" : "password") + " (or set STEWARD_ETCD_USER and STEWARD_ETCD_PASSWORD)");
            return Optional.empty();
        }
        return user.map(name -> new Connection.Credentials(name, password.orElseThrow()));
    }
}
