package dev.steward.haproxy.settings;

import static java.util.Objects.requireNonNull;

import dev.steward.api.config.Settings;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.proxy.RetirementBound;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The validated settings of the HAProxy backend ({@code steward.haproxy}).
 *
 * @param binary the HAProxy executable, a name looked up on PATH or a path
 * @param bind where the frontend listens
 * @param timeouts HAProxy's traffic timeouts
 * @param retries retries on another replica after a connection failure or an empty response
 * @param observeErrorLimit consecutive live-traffic connection errors that mark a replica down
 * @param hardStopAfter the longest life of an old process after a reload or a stop
 * @param closeSpreadTime the window over which an old process closes idle connections; zero: HAProxy's choice
 * @param poolMinSize the smallest number of server slots per backend
 * @param logs bounds on HAProxy's output files
 * @param startTimeout how long a new process has to prove it took over
 * @param stopTimeout how long a stop waits before it stops processes hard
 * @param onStop whether a stop of Steward stops HAProxy or leaves it serving for the next Steward to take over
 * @param configCheckTimeout how long {@code haproxy -c} may take
 * @param commandTimeout how long one runtime API command may take
 * @param drainTimeout how long a slot whose target left drains before it serves another target, requests left or not
 * @param reconcileInterval how often the slots HAProxy reports are compared with the desired ones; zero: never
 * @param debugOutput whether HAProxy runs in its debug mode ({@code -d}), writing every request to its stdout file
 * @param safeRetries whether a refused connection or an empty response is retried on another replica
 * @param socketHandover whether a reload hands the listening sockets to the new process ({@code -x})
 * @param runtimeUpdates whether changes that fit the running pools go through the runtime API instead of a reload
 * @param retiring how many old processes may finish their connections at once
 * @param restart when an HAProxy that exited unexpectedly is restarted
 * @param accessLog where HAProxy's access log goes
 * @param gatewayErrorStatus the one status HAProxy's own 502, 503 and 504 pages answer with; empty: each its own
 * @param tlsCertificate the frontend's certificate and key (PEM); empty: plain HTTP
 */
public record HaproxySettings(
        String binary,
        BindAddress bind,
        Timeouts timeouts,
        int retries,
        int observeErrorLimit,
        Duration hardStopAfter,
        Duration closeSpreadTime,
        int poolMinSize,
        LogLimits logs,
        Duration startTimeout,
        Duration stopTimeout,
        ProxyStop onStop,
        Duration configCheckTimeout,
        Duration commandTimeout,
        Duration drainTimeout,
        Duration reconcileInterval,
        boolean debugOutput,
        boolean safeRetries,
        boolean socketHandover,
        boolean runtimeUpdates,
        RetiringLimits retiring,
        RestartPolicy restart,
        AccessLogSettings accessLog,
        OptionalInt gatewayErrorStatus,
        Optional<Path> tlsCertificate) {
    /** HAProxy's timers hold at most 2^31-1 ms (about 24.8 days); anything beyond is a config error there. */
    static final Duration MAX_TIMER = Duration.ofDays(24);
    static final int MAX_POOL_SIZE = 4096;

    /** The statuses a gateway error may be answered with instead: each means "the request failed on the server side". */
    static final Set<Integer> GATEWAY_ERROR_STATUSES = Set.of(500, 502, 503, 504);

    private static final Duration MILLISECOND = Duration.ofMillis(1);
    private static final String KEEP = "keep";

    public HaproxySettings {
        requireNonNull(binary, "binary is null");
        requireNonNull(bind, "bind is null");
        requireNonNull(timeouts, "timeouts is null");
        requireNonNull(hardStopAfter, "hardStopAfter is null");
        requireNonNull(closeSpreadTime, "closeSpreadTime is null");
        requireNonNull(logs, "logs is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(onStop, "onStop is null");
        requireNonNull(configCheckTimeout, "configCheckTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(drainTimeout, "drainTimeout is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
        requireNonNull(retiring, "retiring is null");
        requireNonNull(restart, "restart is null");
        requireNonNull(accessLog, "accessLog is null");
        requireNonNull(gatewayErrorStatus, "gatewayErrorStatus is null");
        requireNonNull(tlsCertificate, "tlsCertificate is null");
    }

    /**
     * How long after a reload begins the process it retires may still route: the new process has up to
     * start-timeout to take over, a reload may first wait up to retiring.wait for room among the old
     * processes, and the retired process then lives up to hard-stop-after.
     */
    public RetirementBound retirementBound() {
        return new RetirementBound(startTimeout.plus(retiring.maxWait()).plus(hardStopAfter),
                "start-timeout " + HaproxyTime.format(startTimeout) + " + retiring.wait " + HaproxyTime.format(retiring.maxWait())
                        + " + hard-stop-after " + HaproxyTime.format(hardStopAfter));
    }

    /**
     * Reads and validates every key; relative paths resolve against {@code home}.
     *
     * @throws dev.steward.api.config.InvalidConfigException listing every bad key with its path and origin
     */
    public static HaproxySettings read(Settings settings, Path home) {
        requireNonNull(settings, "settings is null");
        requireNonNull(home, "home is null");
        String binary = settings.string("binary", HaproxySettings::isCommand, "a command name or path without control characters");
        String bind = settings.string("bind", text -> BindAddress.parse(text).isPresent(), BindAddress.EXPECTED);
        Settings timeouts = settings.section("timeouts");
        Duration connect = timer(timeouts, "connect");
        Duration client = timer(timeouts, "client");
        Duration server = timer(timeouts, "server");
        Duration httpRequest = timer(timeouts, "http-request");
        Duration check = timer(settings, "check-timeout");
        int retries = settings.integer("retries", 0, 100);
        int observeErrorLimit = settings.integer("observe-error-limit", 1, 1000);
        int problemsBefore = settings.problems().size();
        Duration hardStopAfter = timer(settings, "hard-stop-after");
        boolean hardStopAfterValid = settings.problems().size() == problemsBefore;
        Duration closeSpreadTime = settings.duration("close-spread-time", Duration.ZERO, MAX_TIMER);
        if (hardStopAfterValid && closeSpreadTime.compareTo(hardStopAfter) > 0) {
            settings.problem("close-spread-time", "must not be longer than hard-stop-after (" + hardStopAfter + "), found "
                    + closeSpreadTime);
        }
        int poolMinSize = settings.integer("pool-min-size", 1, MAX_POOL_SIZE);
        long logMaxSize = settings.bytes("log-max-size", 4096, Long.MAX_VALUE);
        int logKeep = settings.integer("log-keep", 1, 10_000);
        int logRotations = settings.integer("log-rotations", 0, 100);
        Duration startTimeout = settings.duration("start-timeout", Duration.ofMillis(100), Duration.ofHours(1));
        Duration stopTimeout = settings.duration("stop-timeout", Duration.ZERO, Duration.ofHours(1));
        String onStop = settings.string("on-stop", label -> ProxyStop.parse(label).isPresent(), ProxyStop.EXPECTED);
        Duration configCheckTimeout = settings.duration("config-check-timeout", Duration.ofMillis(100), Duration.ofHours(1));
        Duration commandTimeout = settings.duration("command-timeout", Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration drainTimeout = settings.duration("drain-timeout", Duration.ZERO, Duration.ofHours(24));
        Duration reconcileInterval = settings.duration("reconcile-interval", Duration.ZERO, Duration.ofHours(24));
        boolean debugOutput = settings.bool("debug-output");
        boolean safeRetries = settings.bool("safe-retries");
        boolean socketHandover = settings.bool("socket-handover");
        boolean runtimeUpdates = settings.bool("runtime-updates");
        RetiringLimits retiring = RetiringLimits.read(settings.section("retiring"));
        RestartPolicy restart = RestartPolicy.read(settings.section("restart"));
        AccessLogSettings accessLog = AccessLogSettings.read(settings.section("access-log"));
        OptionalInt gatewayErrorStatus = gatewayErrorStatus(settings);
        Optional<Path> tlsCertificate = certificate(settings.section("tls"), home);
        settings.validate();
        return new HaproxySettings(
                binary,
                BindAddress.parse(bind).orElseThrow(),
                new Timeouts(connect, client, server, httpRequest, check),
                retries,
                observeErrorLimit,
                hardStopAfter,
                closeSpreadTime,
                poolMinSize,
                new LogLimits(logMaxSize, logKeep, logRotations),
                startTimeout,
                stopTimeout,
                ProxyStop.parse(onStop).orElse(ProxyStop.STOP),
                configCheckTimeout,
                commandTimeout,
                drainTimeout,
                reconcileInterval,
                debugOutput,
                safeRetries,
                socketHandover,
                runtimeUpdates,
                retiring,
                restart,
                accessLog,
                gatewayErrorStatus,
                tlsCertificate);
    }

    private static OptionalInt gatewayErrorStatus(Settings settings) {
        String value = settings.string("gateway-error-status", text -> text.equals(KEEP) || GATEWAY_ERROR_STATUSES.stream()
                .anyMatch(status -> text.equals(status.toString())), "\"" + KEEP + "\" or one of 500, 502, 503, 504");
        return GATEWAY_ERROR_STATUSES.stream().filter(status -> value.equals(status.toString()))
                .mapToInt(Integer::intValue).findFirst();
    }

    /** A readable file whose path can stand in a config line; an empty setting means no TLS. */
    private static Optional<Path> certificate(Settings settings, Path home) {
        String value = settings.string("certificate");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path certificate = home.resolve(value).toAbsolutePath().normalize();
        if (!RuntimePaths.fitsInConfig(certificate)) {
            settings.problem("certificate", "expected a path of letters, digits and / . _ + - only, found \"" + certificate + "\"");
        } else if (!Files.isRegularFile(certificate) || !Files.isReadable(certificate)) {
            settings.problem("certificate", "expected a readable PEM file with the certificate chain and private key, found "
                    + (Files.exists(certificate) ? "\"" + certificate + "\", which Steward cannot read" : "no file at " + certificate));
        }
        return Optional.of(certificate);
    }

    private static Duration timer(Settings settings, String key) {
        return settings.duration(key, MILLISECOND, MAX_TIMER);
    }

    private static boolean isCommand(String value) {
        return !value.isBlank() && value.chars().noneMatch(Character::isISOControl);
    }
}
