package dev.steward.bench.proving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTest {
    @Test
    void eachBaselineStandsBesideStewardAsARatioOrAsBothValues() {
        Row row = new Row("churn", "4 groups", Map.of(
                Variant.STEWARD, List.of(Measure.count("errors", 0), Measure.millis("p50", 100), Measure.flag("served", true)),
                Variant.SEED, List.of(Measure.count("errors", 0), Measure.millis("p50", 250), Measure.flag("served", true)),
                Variant.NAIVE, List.of(Measure.count("errors", 37), Measure.millis("p50", 50), Measure.flag("served", false))));

        assertThat(row.markdown()).isEqualTo("| **churn**<br>4 groups"
                + " | errors 0<br>p50 100.0 ms<br>served yes"
                + " | errors 0<br>p50 250.0 ms<br>served yes"
                + " | errors 37<br>p50 50.0 ms<br>served no"
                + " | errors =<br>p50 ×2.50<br>served ="
                + " | errors 37 vs 0<br>p50 ×0.50<br>served no vs yes |");
    }
}
