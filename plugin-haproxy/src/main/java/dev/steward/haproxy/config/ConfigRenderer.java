package dev.steward.haproxy.config;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RetryPolicy;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.settings.AccessLogSettings;
import dev.steward.haproxy.settings.AccessLogTarget;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.HaproxyTime;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.settings.Timeouts;
import dev.steward.haproxy.slots.BackendNames;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotPool;
import java.util.Comparator;
import java.util.List;

/**
 * Writes HAProxy's configuration for a routing state and a slot plan: a pure function of them and
 * the settings. Every value comes from the validated model or the validated settings, so nothing
 * can inject a directive.
 */
public final class ConfigRenderer {
    private final HaproxySettings settings;
    private final RuntimePaths paths;

    public ConfigRenderer(HaproxySettings settings, RuntimePaths paths) {
        this.settings = requireNonNull(settings, "settings is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    public String render(RoutingState state, SlotPlan plan) {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        ConfigText config = new ConfigText("# Written by Steward from the routing state; edits are overwritten.");
        global(config);
        defaults(config);
        frontend(config, state.targetGroups().groups().stream().sorted(RouteOrder.MOST_SPECIFIC_FIRST).toList(), plan);
        state.targetGroups().groups().stream()
                .sorted(Comparator.comparing(TargetGroup::name))
                .forEach(group -> groupBackend(config, group, pool(plan, group)));
        fallbackBackend(config, plan.fallback());
        noRouteBackend(config);
        return config.toString();
    }

    /**
     * A configuration this renderer wrote, with every slot free: what only a reload can change. For a
     * configuration rendered from a plan, the same as rendering the plan's {@link SlotPlan#vacated()};
     * what an adopted process runs is known only as the file it was started on.
     */
    public static String vacated(String config) {
        requireNonNull(config, "config is null");
        return RouteRules.vacate(ServerLines.vacate(config));
    }

    private void global(ConfigText config) {
        config.section("global");
        // expose-fd listeners lets a new process take the listening sockets over (-x): no refused connection.
        config.line("stats socket " + paths.adminSocket() + " mode 600 level admin expose-fd listeners");
        config.line("server-state-file " + paths.serverState());
        config.line("hard-stop-after " + HaproxyTime.format(settings.hardStopAfter()));
        if (settings.closeSpreadTime().isPositive()) {
            config.line("close-spread-time " + HaproxyTime.format(settings.closeSpreadTime()));
        }
        AccessLogSettings accessLog = settings.accessLog();
        switch (accessLog.target()) {
            // Raw lines: the logger adds its own time stamp; HAProxy drops a line the socket cannot take at once.
            case STEWARD -> config.line("log " + paths.accessLogSocket() + " format raw " + accessLog.facility());
            case SYSLOG -> config.line("log " + accessLog.syslogAddress() + " " + accessLog.facility());
            case OFF -> { }
        }
    }

    private void defaults(ConfigText config) {
        Timeouts timeouts = settings.timeouts();
        config.section("defaults");
        config.line("mode http");
        config.line("timeout connect " + HaproxyTime.format(timeouts.connect()));
        config.line("timeout client " + HaproxyTime.format(timeouts.client()));
        config.line("timeout server " + HaproxyTime.format(timeouts.server()));
        config.line("timeout http-request " + HaproxyTime.format(timeouts.httpRequest()));
        config.line("timeout check " + HaproxyTime.format(timeouts.check()));
        if (settings.safeRetries()) {
            // Retry on another replica only where no byte of a response can have reached the client.
            config.line("option redispatch");
            config.line("retry-on conn-failure empty-response");
        }
        config.line("retries " + settings.retries());
        config.line("load-server-state-from-file global");
        if (settings.accessLog().target() != AccessLogTarget.OFF) {
            config.line("log global");
            config.line("option httplog");
        }
        for (ErrorPages.Answer answer : ErrorPages.answers(settings.gatewayErrorStatus())) {
            config.line(answer.keepsStatus()
                    ? "http-error " + answer.page().directiveArguments()
                    : "errorfile " + answer.error() + " " + paths.errorPage(answer.error()));
        }
    }

    private static SlotPool pool(SlotPlan plan, TargetGroup group) {
        return plan.group(group.name())
                .orElseThrow(() -> new IllegalArgumentException("the plan has no pool for group " + group.name()));
    }

    private void frontend(ConfigText config, List<TargetGroup> routes, SlotPlan plan) {
        config.section("frontend " + BackendNames.FRONTEND);
        config.line("bind " + settings.bind() + settings.tlsCertificate()
                .map(certificate -> " ssl crt " + certificate + " alpn h2,http/1.1")
                .orElse(""));
        RouteRules.stoppingAcl(config);
        for (TargetGroup group : routes) {
            RouteRules.route(config, group, pool(plan, group).holdsTargets());
        }
        config.line("default_backend " + BackendNames.NO_ROUTE);
    }

    private void groupBackend(ConfigText config, TargetGroup group, SlotPool pool) {
        config.section("backend " + BackendNames.group(group.name()));
        config.line("balance " + group.balance().label());
        if (settings.safeRetries()) {
            retries(config, group.retry());
        }
        group.healthCheck().path().ifPresent(path -> config.line("option httpchk GET " + path));
        ServerLines.write(config, pool, group.healthCheck(), settings.observeErrorLimit());
    }

    /** What the group narrows of the defaults' {@code retry-on conn-failure empty-response}. */
    private static void retries(ConfigText config, RetryPolicy retry) {
        switch (retry) {
            case ALL_METHODS -> { }
            // A failed connection never reached a replica: retried for every method; an empty response only for these.
            case SAFE_METHODS -> config.line("http-request disable-l7-retry unless METH_GET || METH_OPTIONS || METH_TRACE");
            case CONNECTION_FAILURES -> config.line("retry-on conn-failure");
        }
    }

    private void fallbackBackend(ConfigText config, SlotPool pool) {
        config.section("backend " + BackendNames.FALLBACK);
        config.line("balance roundrobin");
        ServerLines.write(config, pool, HealthCheck.DEFAULT, settings.observeErrorLimit());
    }

    private static void noRouteBackend(ConfigText config) {
        config.section("backend " + BackendNames.NO_ROUTE);
        config.line("http-request return " + ErrorPage.NO_ROUTE.directiveArguments());
    }
}
