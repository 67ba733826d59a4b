package dev.steward.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-way flow between core's packages: for each package, the other core packages it may use;
 * every other use is forbidden, and a package missing here fails the rule until it is named. Top to
 * bottom: the command line, the demo, the daemon that wires everything, the sources, the HTTP API, the
 * port gate, the engine, plugin loading, and the leaves (config, metrics, lifecycle, storage), which use
 * no other core package. Sub-packages count as their package ({@code source.http} is {@code source}).
 */
final class CoreLayering {
    /** {@code ""} is core's own package, which holds {@code Main}. */
    static final Map<String, Set<String>> MAY_USE = mayUse();

    private CoreLayering() {}

    private static Map<String, Set<String>> mayUse() {
        Map<String, Set<String>> layers = new LinkedHashMap<>();
        layers.put("", Set.of("cli"));
        layers.put("cli", Set.of("demo", "daemon", "plugin", "config", "lifecycle", "metrics"));
        layers.put("demo", Set.of("daemon", "engine"));
        layers.put("daemon", Set.of("source", "http", "ports", "engine", "plugin", "config", "lifecycle", "metrics", "storage"));
        // The HTTP source serves its endpoints through the API server's router; the API never names a source.
        layers.put("source", Set.of("http", "config", "storage"));
        layers.put("http", Set.of("engine", "config", "lifecycle", "metrics", "storage"));
        layers.put("ports", Set.of("engine", "config"));
        layers.put("engine", Set.of("config", "storage"));
        layers.put("plugin", Set.of("config"));
        layers.put("config", Set.of());
        layers.put("metrics", Set.of());
        layers.put("lifecycle", Set.of());
        layers.put("storage", Set.of());
        return Collections.unmodifiableMap(layers);
    }

    /** The rule for the core whose root package is {@code root}: {@code dev.steward.core}, or a fixture's. */
    static ArchRule rule(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(useOnlyWhatTheirLayerAllows(root))
                .as("core's packages use one another only in the one-way flow of " + CoreLayering.class.getSimpleName());
    }

    /** The table's packages in an order in which each uses only later ones; fails if the table has a cycle. */
    static List<String> order() {
        List<String> ordered = new ArrayList<>();
        Map<String, Set<String>> left = new LinkedHashMap<>(MAY_USE);
        while (!left.isEmpty()) {
            String next = left.keySet().stream()
                    .filter(candidate -> left.entrySet().stream().noneMatch(entry -> !entry.getKey().equals(candidate)
                            && entry.getValue().contains(candidate)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the layering table has a cycle among " + left.keySet()));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private static ArchCondition<JavaClass> useOnlyWhatTheirLayerAllows(String root) {
        return new ArchCondition<>("use only the core packages their layer may use") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String from = layerOf(root, javaClass.getPackageName());
                Set<String> allowed = MAY_USE.get(from);
                if (allowed == null) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is in " + root + "." + from
                            + ", which " + CoreLayering.class.getSimpleName() + " does not name: say what it may use"));
                    return;
                }
                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String targetPackage = target.getPackageName();
                    if (!targetPackage.equals(root) && !targetPackage.startsWith(root + ".")) {
                        continue;
                    }
                    String to = layerOf(root, targetPackage);
                    if (!to.equals(from) && !allowed.contains(to)) {
                        events.add(SimpleConditionEvent.violated(dependency, "%s uses %s, which it may not (%s may use only %s): %s"
                                .formatted(name(from), name(to), name(from), allowed.isEmpty() ? "no other core package"
                                        : String.join(", ", allowed.stream().sorted().toList()), dependency.getDescription())));
                    }
                }
            }
        };
    }

    private static String layerOf(String root, String packageName) {
        if (packageName.equals(root)) {
            return "";
        }
        return packageName.substring(root.length() + 1).split("\\.", 2)[0];
    }

    private static String name(String layer) {
        return layer.isEmpty() ? "core's root package" : layer;
    }
}
