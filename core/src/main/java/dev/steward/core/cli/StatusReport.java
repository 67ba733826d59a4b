package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What {@code steward status} prints: {@code /v1/status}, the routes of {@code /v1/state} and the port
 * counts of {@code /metrics}, as one screen for a person. A pure function of the three answers.
 */
final class StatusReport {
    /** Routes listed one by one; past this, a count says how many more there are. */
    static final int ROUTES_SHOWN = 15;
    /** HAProxy facts with a line of their own; any other the backend reports is listed as it is. */
    private static final Set<String> HAPROXY_KNOWN = Set.of("pid", "restarts", "detail", "frontend", "spawn", "stderrLog",
            "retiring");

    private StatusReport() {}

    static List<String> of(URI api, JsonNode status, JsonNode state, PortCounts ports) {
        requireNonNull(api, "api is null");
        requireNonNull(status, "status is null");
        requireNonNull(state, "state is null");
        requireNonNull(ports, "ports is null");
        List<String> lines = new ArrayList<>();
        lines.add("Steward " + text(status.path("node")) + " (API " + api + ")");
        engine(lines, status);
        lines.add("");
        haproxy(lines, status.path("haproxy"));
        lines.add("");
        routes(lines, state);
        lines.add("");
        ports(lines, ports);
        return lines;
    }

    private static void engine(List<String> lines, JsonNode status) {
        JsonNode revision = status.path("revision");
        long received = revision.path("received").asLong();
        String applied = revision.path("applied").isNull() ? "none yet" : revision.path("applied").asText();
        boolean current = !revision.path("applied").isNull() && revision.path("applied").asLong() == received;
        lines.add("  state       " + (status.path("degraded").asBoolean()
                ? "DEGRADED: applies keep failing, and the engine retries with a growing wait"
                : current ? "serving the newest revision" : "a newer revision is on its way to HAProxy"));
        lines.add("  revision    received " + received + ", applied " + applied);
        JsonNode applies = status.path("applies");
        lines.add("  applies     " + count(applies.path("reload").asLong(), "reload") + ", "
                + count(applies.path("runtime").asLong(), "runtime update") + ", " + applies.path("failed").asLong() + " failed");
        JsonNode broadcasts = status.path("broadcasts");
        lines.add("  broadcasts  " + broadcasts.path("accepted").asLong() + " accepted, " + broadcasts.path("rejected").asLong()
                + " rejected, " + broadcasts.path("coalesced").asLong() + " coalesced");
        lines.add("  last error  " + (status.path("lastError").isNull() || status.path("lastError").isMissingNode()
                ? "none" : text(status.path("lastError"))));
    }

    private static void haproxy(List<String> lines, JsonNode haproxy) {
        String pid = haproxy.path("pid").isNull() ? "no process running" : "pid " + haproxy.path("pid").asLong();
        String spawn = haproxy.has("spawn") ? ", spawn " + haproxy.path("spawn").asLong() : "";
        lines.add("HAProxy: " + text(haproxy.path("detail")));
        lines.add("  process     " + pid + spawn + ", " + count(haproxy.path("restarts").asLong(), "restart"));
        if (haproxy.hasNonNull("frontend")) {
            lines.add("  clients     " + text(haproxy.path("frontend")));
        }
        if (haproxy.hasNonNull("stderrLog")) {
            lines.add("  stderr      " + text(haproxy.path("stderrLog")));
        }
        List<JsonNode> retiring = elements(haproxy.path("retiring"));
        lines.add("  old         " + (retiring.isEmpty() ? "none finishing connections" : retiring.size()
                + " finishing connections:"));
        for (JsonNode old : retiring) {
            lines.add("                pid " + old.path("pid").asLong() + ", revision " + old.path("revision").asLong()
                    + ", since " + text(old.path("since")));
        }
        haproxy.properties().stream()
                .filter(field -> !HAPROXY_KNOWN.contains(field.getKey()))
                .forEach(field -> lines.add("  " + field.getKey() + ": " + text(field.getValue())));
    }

    private static void routes(List<String> lines, JsonNode state) {
        List<JsonNode> groups = new ArrayList<>(elements(state.path("targetGroups")));
        groups.sort(Comparator.comparing(group -> group.path("name").asText()));
        int fallback = elements(state.path("fallbackTargets")).size();
        lines.add("Routes: " + count(groups.size(), "group") + ", " + count(fallback, "fallback target")
                + " (revision " + state.path("revision").asLong() + ")");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode group : groups.subList(0, Math.min(groups.size(), ROUTES_SHOWN))) {
            String host = group.hasNonNull("routeHost") ? group.path("routeHost").asText() : "";
            rows.add(List.of(group.path("name").asText(), host + group.path("routePrefix").asText(),
                    count(elements(group.path("targets")).size(), "target")));
        }
        int widest = rows.stream().mapToInt(row -> row.get(0).length()).max().orElse(0);
        int route = rows.stream().mapToInt(row -> row.get(1).length()).max().orElse(0);
        for (List<String> row : rows) {
            lines.add(String.format("  %-" + widest + "s  %-" + route + "s  %s", row.get(0), row.get(1), row.get(2)).stripTrailing());
        }
        if (groups.size() > ROUTES_SHOWN) {
            lines.add("  ... and " + (groups.size() - ROUTES_SHOWN) + " more (GET /v1/state lists them all)");
        }
    }

    private static void ports(List<String> lines, PortCounts ports) {
        if (ports.byNode().isEmpty()) {
            lines.add("Ports: none on any replica node (the port policy's steward_ports metric has no series)");
            return;
        }
        lines.add("Ports (replica nodes):");
        int widest = ports.byNode().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Map<String, Long>> node : ports.byNode().entrySet()) {
            Map<String, Long> counts = node.getValue();
            lines.add(String.format("  %-" + widest + "s  %d allocated, %d quarantined, %d blocked", node.getKey(),
                    counts.getOrDefault("allocated", 0L), counts.getOrDefault("quarantined", 0L),
                    counts.getOrDefault("blocked", 0L)));
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        return array.isArray() ? StreamSupport.stream(array.spliterator(), false).toList() : List.of();
    }

    /** A value as a person reads it: text without JSON quotes, anything else as JSON. */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
