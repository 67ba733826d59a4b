package dev.steward.haproxy.config;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.settings.AccessLogSettings;
import dev.steward.haproxy.settings.AccessLogTarget;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.settings.Timeouts;
import dev.steward.haproxy.slots.BackendNames;
import dev.steward.haproxy.slots.Slot;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotPool;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes HAProxy's configuration for a routing state and a slot plan: a pure function of them and
 * the settings. Every value comes from the validated model or the validated settings, so nothing
 * can inject a directive.
 */
public final class ConfigRenderer {
    private static final String INDENT = "    ";
    private static final String INDENT_PATTERN = " {4}";
    /** What a free slot's server line says after its name. */
    private static final String FREE_SLOT = Slot.PLACEHOLDER_ADDRESS + " disabled weight " + Target.DEFAULT_WEIGHT;
    /** A slot's server line as {@link #servers} writes it: the name, the target and its weight, the parameters. */
    private static final Pattern SERVER_LINE = Pattern.compile(
            "(?m)^(?<name>" + INDENT_PATTERN + "server slot[1-9][0-9]* )\\S+(?: disabled)? weight [0-9]+(?<parameters> .*)$");

    /** No group's ACL can take this name: theirs start with path_, host_ or up_. */
    private static final String STOPPING = "steward_stopping";
    /** A group's rule as {@link #route} writes it for a group whose pool holds targets: with the clause for a stopping process. */
    private static final Pattern STOPPING_ROUTE = Pattern.compile(
            "(?m)^(?<rule>" + INDENT_PATTERN + "use_backend \\S+ if .+ up_\\S+) \\|\\| .+ " + STOPPING + "$");

    private final HaproxySettings settings;
    private final RuntimePaths paths;

    public ConfigRenderer(HaproxySettings settings, RuntimePaths paths) {
        this.settings = requireNonNull(settings, "settings is null");
        this.paths = requireNonNull(paths, "paths is null");
    }

    public String render(RoutingState state, SlotPlan plan) {
        requireNonNull(state, "state is null");
        requireNonNull(plan, "plan is null");
        StringBuilder config = new StringBuilder("# Written by Steward from the routing state; edits are overwritten.\n");
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
        String free = SERVER_LINE.matcher(config).replaceAll("${name}" + Matcher.quoteReplacement(FREE_SLOT) + "${parameters}");
        // With every slot free, no group is routable by path alone in a stopping process.
        return STOPPING_ROUTE.matcher(free).replaceAll("${rule}");
    }

    private void global(StringBuilder config) {
        section(config, "global");
        // expose-fd listeners lets a new process take the listening sockets over (-x): no refused connection.
        line(config, "stats socket " + paths.adminSocket() + " mode 600 level admin expose-fd listeners");
        line(config, "server-state-file " + paths.serverState());
        line(config, "hard-stop-after " + HaproxyTime.format(settings.hardStopAfter()));
        if (settings.closeSpreadTime().isPositive()) {
            line(config, "close-spread-time " + HaproxyTime.format(settings.closeSpreadTime()));
        }
        AccessLogSettings accessLog = settings.accessLog();
        switch (accessLog.target()) {
            // Raw lines: the logger adds its own time stamp; HAProxy drops a line the socket cannot take at once.
            case STEWARD -> line(config, "log " + paths.accessLogSocket() + " format raw " + accessLog.facility());
            case SYSLOG -> line(config, "log " + accessLog.syslogAddress() + " " + accessLog.facility());
            case OFF -> { }
        }
    }

    private void defaults(StringBuilder config) {
        Timeouts timeouts = settings.timeouts();
        section(config, "defaults");
        line(config, "mode http");
        line(config, "timeout connect " + HaproxyTime.format(timeouts.connect()));
        line(config, "timeout client " + HaproxyTime.format(timeouts.client()));
        line(config, "timeout server " + HaproxyTime.format(timeouts.server()));
        line(config, "timeout http-request " + HaproxyTime.format(timeouts.httpRequest()));
        line(config, "timeout check " + HaproxyTime.format(timeouts.check()));
        if (settings.safeRetries()) {
            // Retry on another replica only where no byte of a response can have reached the client.
            line(config, "option redispatch");
            line(config, "retry-on conn-failure empty-response");
        }
        line(config, "retries " + settings.retries());
        line(config, "load-server-state-from-file global");
        if (settings.accessLog().target() != AccessLogTarget.OFF) {
            line(config, "log global");
            line(config, "option httplog");
        }
        for (ErrorPages.Answer answer : ErrorPages.answers(settings.gatewayErrorStatus())) {
            line(config, answer.keepsStatus()
                    ? "http-error " + answer.page().directiveArguments()
                    : "errorfile " + answer.error() + " " + paths.errorPage(answer.error()));
        }
    }

    private static SlotPool pool(SlotPlan plan, TargetGroup group) {
        return plan.group(group.name())
                .orElseThrow(() -> new IllegalArgumentException("the plan has no pool for group " + group.name()));
    }

    private void frontend(StringBuilder config, List<TargetGroup> routes, SlotPlan plan) {
        section(config, "frontend " + BackendNames.FRONTEND);
        line(config, "bind " + settings.bind() + settings.tlsCertificate()
                .map(certificate -> " ssl crt " + certificate + " alpn h2,http/1.1")
                .orElse(""));
        // A process that soft-stops after a reload flags its backends stopped, so nbsrv() reads 0 there: it routes its
        // last requests by path alone, or they would all fall back while its replicas still serve.
        line(config, "acl " + STOPPING + " stopping");
        for (TargetGroup group : routes) {
            route(config, group, pool(plan, group).holdsTargets());
        }
        line(config, "default_backend " + BackendNames.NO_ROUTE);
    }

    /**
     * @param routable whether the group's pool holds targets; taken at a reload, it is what the process
     *     knows when it soft-stops at the next one (runtime updates since then cannot change a rule)
     */
    private static void route(StringBuilder config, TargetGroup group, boolean routable) {
        String name = group.name();
        String backend = BackendNames.group(name);
        String prefix = group.routePrefix();
        if (prefix.equals("/")) {
            line(config, "acl path_" + name + " always_true");
        } else {
            // Segment boundaries: the prefix itself, or the prefix followed by a slash; never /app10 for /app1.
            line(config, "acl path_" + name + " path " + prefix);
            line(config, "acl path_" + name + " path_beg " + prefix + "/");
        }
        String condition = "path_" + name;
        if (group.routeHost().isPresent()) {
            line(config, "acl host_" + name + " req.hdr(host),field(1,:) -i " + group.routeHost().get());
            condition += " host_" + name;
        }
        line(config, "acl up_" + name + " nbsrv(" + backend + ") gt 0");
        // Without a target to route to by path alone, a soft-stopping process falls back like the new one.
        line(config, "use_backend " + backend + " if " + condition + " up_" + name
                + (routable ? " || " + condition + " " + STOPPING : ""));
        line(config, "use_backend " + BackendNames.FALLBACK + " if " + condition);
    }

    private void groupBackend(StringBuilder config, TargetGroup group, SlotPool pool) {
        section(config, "backend " + BackendNames.group(group.name()));
        line(config, "balance " + group.balance().label());
        group.healthCheck().path().ifPresent(path -> line(config, "option httpchk GET " + path));
        servers(config, pool, group.healthCheck());
    }

    private void fallbackBackend(StringBuilder config, SlotPool pool) {
        section(config, "backend " + BackendNames.FALLBACK);
        line(config, "balance roundrobin");
        servers(config, pool, HealthCheck.DEFAULT);
    }

    private static void noRouteBackend(StringBuilder config) {
        section(config, "backend " + BackendNames.NO_ROUTE);
        line(config, "http-request return " + ErrorPage.NO_ROUTE.directiveArguments());
    }

    /**
     * Every parameter is on the server line itself: a server changed through the runtime API does
     * not inherit {@code default-server}, and a slot must behave the same either way.
     */
    private void servers(StringBuilder config, SlotPool pool, HealthCheck check) {
        String parameters = " check inter " + HaproxyTime.format(check.interval())
                + " rise " + check.rise()
                + " fall " + check.fall()
                + " observe layer4 error-limit " + settings.observeErrorLimit() + " on-error mark-down"
                // none: a target name that does not resolve disables its slot instead of failing the whole config.
                + " init-addr last,libc,none";
        for (Slot slot : pool.slots()) {
            String server = slot.target()
                    .map(Slot::serverLine)
                    .orElse(FREE_SLOT);
            line(config, "server " + slot.name() + " " + server + parameters);
        }
    }

    private static void section(StringBuilder config, String header) {
        config.append('\n').append(header).append('\n');
    }

    private static void line(StringBuilder config, String text) {
        config.append(INDENT).append(text).append('\n');
    }
}
