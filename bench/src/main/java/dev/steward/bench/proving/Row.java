package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scenario's row of the results table: each variant's measures, then each baseline beside
 * Steward (baseline ÷ Steward, or both values where a ratio says nothing).
 */
record Row(String scenario, String setup, Map<Variant, List<Measure>> measures) {
    static final String HEADER = """
            | scenario | Steward | seed | naive | seed ÷ Steward | naive ÷ Steward |
            | --- | --- | --- | --- | --- | --- |""";
    private static final String BREAK = "<br>";

    Row {
        requireNonNull(scenario, "scenario is null");
        requireNonNull(setup, "setup is null");
        measures = Map.copyOf(measures);
        for (Variant variant : Variant.values()) {
            if (!measures.containsKey(variant)) {
                throw new IllegalArgumentException("no measures for " + variant.label());
            }
        }
    }

    String markdown() {
        List<String> cells = new ArrayList<>();
        cells.add("**" + scenario + "**" + BREAK + setup);
        for (Variant variant : Variant.values()) {
            cells.add(measures.get(variant).stream()
                    .map(measure -> measure.name() + " " + measure.formatted())
                    .collect(Collectors.joining(BREAK)));
        }
        for (Variant baseline : List.of(Variant.SEED, Variant.NAIVE)) {
            List<Measure> steward = measures.get(Variant.STEWARD);
            List<Measure> theirs = measures.get(baseline);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < steward.size(); i++) {
                lines.add(steward.get(i).name() + " " + theirs.get(i).against(steward.get(i)));
            }
            cells.add(String.join(BREAK, lines));
        }
        return "| " + String.join(" | ", cells) + " |";
    }
}
