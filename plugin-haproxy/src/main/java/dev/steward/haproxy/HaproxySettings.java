package dev.steward.haproxy;

import static java.util.Objects.requireNonNull;

import dev.steward.api.Settings;
import java.time.Duration;

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
 * @param configCheckTimeout how long {@code haproxy -c} may take
 * @param commandTimeout how long one runtime API command may take
 * @param drainTimeout how long a slot whose target left drains before it serves another target, requests left or not
 * @param reconcileInterval how often the slots HAProxy reports are compared with the desired ones; zero: never
 */
record HaproxySettings(
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
        Duration configCheckTimeout,
        Duration commandTimeout,
        Duration drainTimeout,
        Duration reconcileInterval) {
    /** HAProxy's timers hold at most 2^31-1 ms (about 24.8 days); anything beyond is a config error there. */
    static final Duration MAX_TIMER = Duration.ofDays(24);
    static final int MAX_POOL_SIZE = 4096;

    private static final Duration MILLISECOND = Duration.ofMillis(1);

    HaproxySettings {
        requireNonNull(binary, "binary is null");
        requireNonNull(bind, "bind is null");
        requireNonNull(timeouts, "timeouts is null");
        requireNonNull(hardStopAfter, "hardStopAfter is null");
        requireNonNull(closeSpreadTime, "closeSpreadTime is null");
        requireNonNull(logs, "logs is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        requireNonNull(configCheckTimeout, "configCheckTimeout is null");
        requireNonNull(commandTimeout, "commandTimeout is null");
        requireNonNull(drainTimeout, "drainTimeout is null");
        requireNonNull(reconcileInterval, "reconcileInterval is null");
    }

    /**
     * Reads and validates every key.
     *
     * @throws dev.steward.api.InvalidConfigException listing every bad key with its path and origin
     */
    static HaproxySettings read(Settings settings) {
        requireNonNull(settings, "settings is null");
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
        Duration startTimeout = settings.duration("start-timeout", Duration.ofMillis(100), Duration.ofHours(1));
        Duration stopTimeout = settings.duration("stop-timeout", Duration.ZERO, Duration.ofHours(1));
        Duration configCheckTimeout = settings.duration("config-check-timeout", Duration.ofMillis(100), Duration.ofHours(1));
        Duration commandTimeout = settings.duration("command-timeout", Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration drainTimeout = settings.duration("drain-timeout", Duration.ZERO, Duration.ofHours(24));
        Duration reconcileInterval = settings.duration("reconcile-interval", Duration.ZERO, Duration.ofHours(24));
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
                new LogLimits(logMaxSize, logKeep),
                startTimeout,
                stopTimeout,
                configCheckTimeout,
                commandTimeout,
                drainTimeout,
                reconcileInterval);
    }

    private static Duration timer(Settings settings, String key) {
        return settings.duration(key, MILLISECOND, MAX_TIMER);
    }

    private static boolean isCommand(String value) {
        return !value.isBlank() && value.chars().noneMatch(Character::isISOControl);
    }
}
