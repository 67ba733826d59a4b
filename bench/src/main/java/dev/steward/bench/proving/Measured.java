package dev.steward.bench.proving;

import java.util.List;

/** A scenario's result for one variant, as the numbers its table row shows. */
interface Measured {
    List<Measure> measures();
}
