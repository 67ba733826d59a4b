package dev.steward.bench.proving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The proving ground: five scenarios against a real HAProxy, each run with Steward as it ships and
 * with the two baselines back to back, printed as one markdown table (a row per scenario, as it ends).
 *
 * <p>{@code scripts/scenario ProvingGround [--quick] [--only churn,storm,log-flood,crash,port-reuse]
 * [--load wrk|jdk] [--set "haproxy.close-spread-time = 0s"]...}: {@code --quick} runs the short
 * versions the tests run; {@code --set} adds a line of steward.conf to every run (the variants' own
 * settings still come last).
 */
public final class ProvingGround {
    private ProvingGround() {}

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        List<String> only = option(args, "--only").stream().flatMap(value -> Stream.of(value.split(","))).toList();
        option(args, "--load").forEach(load -> System.setProperty(Loads.PROPERTY, load));
        List<String> extra = option(args, "--set");
        if (!extra.isEmpty()) {
            System.setProperty(StewardNode.EXTRA_SETTINGS, String.join(";", extra));
            System.out.println("Every run adds: " + String.join("; ", extra));
        }
        System.out.println(machine());
        System.out.println(haproxyVersion());
        System.out.println("Load generator: " + Loads.describe() + (quick ? "; short versions (--quick)" : ""));
        for (Variant variant : Variant.values()) {
            System.out.println(variant.label() + ": " + (variant.settings().isEmpty() ? "the defaults" : String.join("; ", variant.settings())));
        }
        System.out.println();
        System.out.println(Row.HEADER);
        for (Scenario<?> scenario : scenarios(quick)) {
            if (only.isEmpty() || only.contains(scenario.name().replace(' ', '-'))) {
                System.out.println(row(scenario).markdown());
            }
        }
    }

    static List<Scenario<?>> scenarios(boolean quick) {
        return List.of(
                new ChurnScenario(quick ? ChurnScenario.Settings.QUICK : ChurnScenario.Settings.FULL),
                new StormScenario(quick ? StormScenario.Settings.QUICK : StormScenario.Settings.FULL),
                new LogFloodScenario(quick ? LogFloodScenario.Settings.QUICK : LogFloodScenario.Settings.FULL),
                new CrashScenario(quick ? CrashScenario.Settings.QUICK : CrashScenario.Settings.FULL),
                new PortReuseScenario(quick ? PortReuseScenario.Settings.QUICK : PortReuseScenario.Settings.FULL));
    }

    /** Runs the scenario once per variant, Steward first, the baselines right after it. */
    private static Row row(Scenario<?> scenario) {
        Map<Variant, List<Measure>> measures = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            Measured result = scenario.run(variant);
            measures.put(variant, result.measures());
            System.err.println(scenario.name() + ", " + variant.label() + ": " + result);
        }
        return new Row(scenario.name(), scenario.setup(), measures);
    }

    /** CPU, cores, kernel, HAProxy and Java, for the results page. */
    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, Linux " + kernel + ", Java " + Runtime.version();
    }

    /** What {@code haproxy -v} says first: the binary a run with default settings uses. */
    private static String haproxyVersion() throws IOException {
        Path output = Files.createTempFile("haproxy-version-", ".txt");
        try {
            Process haproxy = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
            return Files.readAllLines(output).stream().findFirst().orElse("haproxy -v said nothing");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "haproxy -v was interrupted";
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> option(String[] args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                values.add(args[i + 1]);
            }
        }
        return values;
    }
}
