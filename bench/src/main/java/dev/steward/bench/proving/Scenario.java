package dev.steward.bench.proving;

/**
 * One proving-ground scenario: a fresh Steward of the given variant, real HAProxy and replicas on
 * loopback, a checking load; everything it starts is stopped before {@link #run} returns, also when
 * it fails.
 */
interface Scenario<R extends Measured> {
    /** The row's name, such as "churn". */
    String name();

    /** Its parameters in words, for the row. */
    String setup();

    R run(Variant variant);
}
