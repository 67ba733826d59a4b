package dev.steward.haproxy.config;

import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.slots.BackendNames;
import java.util.regex.Pattern;

/**
 * The frontend's rules for each group's route: its path prefix on segment boundaries, its host, and
 * the fallback when the group has no usable server. The most specific routes come first, since
 * HAProxy takes the first rule that matches.
 */
final class RouteRules {
    /** No group's ACL can take this name: theirs start with path_, host_ or up_. */
    private static final String STOPPING = "steward_stopping";
    /** A group's rule as {@link #route} writes it for a group whose pool holds targets: with the clause for a stopping process. */
    private static final Pattern STOPPING_ROUTE = Pattern.compile(
            "(?m)^(?<rule>" + ConfigText.INDENT_PATTERN + "use_backend \\S+ if .+ up_\\S+) \\|\\| .+ " + STOPPING + "$");

    private RouteRules() {}

    /** A process that soft-stops after a reload flags its backends stopped, so {@code nbsrv()} reads 0 there. */
    static void stoppingAcl(ConfigText config) {
        // It routes its last requests by path alone, or they would all fall back while its replicas still serve.
        config.line("acl " + STOPPING + " stopping");
    }

    /**
     * @param routable whether the group's pool holds targets; taken at a reload, it is what the process
     *     knows when it soft-stops at the next one (runtime updates since then cannot change a rule)
     */
    static void route(ConfigText config, TargetGroup group, boolean routable) {
        String name = group.name();
        String backend = BackendNames.group(name);
        String prefix = group.routePrefix();
        if (prefix.equals("/")) {
            config.line("acl path_" + name + " always_true");
        } else {
            // Segment boundaries: the prefix itself, or the prefix followed by a slash; never /app10 for /app1.
            config.line("acl path_" + name + " path " + prefix);
            config.line("acl path_" + name + " path_beg " + prefix + "/");
        }
        String condition = "path_" + name;
        if (group.routeHost().isPresent()) {
            config.line("acl host_" + name + " req.hdr(host),field(1,:) -i " + group.routeHost().get());
            condition += " host_" + name;
        }
        config.line("acl up_" + name + " nbsrv(" + backend + ") gt 0");
        // Without a target to route to by path alone, a soft-stopping process falls back like the new one.
        config.line("use_backend " + backend + " if " + condition + " up_" + name
                + (routable ? " || " + condition + " " + STOPPING : ""));
        config.line("use_backend " + BackendNames.FALLBACK + " if " + condition);
    }

    /** {@code config} as if no group were routable by path alone in a stopping process: every slot free. */
    static String vacate(String config) {
        return STOPPING_ROUTE.matcher(config).replaceAll("${rule}");
    }
}
