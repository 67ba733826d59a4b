package dev.steward.bench.proving;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One number a scenario reports for one variant.
 *
 * @param name what it counts, as the table shows it
 */
record Measure(String name, double value, Kind kind) {
    /** How a value is shown and compared. */
    enum Kind {
        /** A whole number of events; fewer is better. */
        COUNT,
        /** Milliseconds; less is better. */
        MILLIS,
        /** Events a second; more is better. */
        RATE,
        /** 1 for yes, 0 for no. */
        FLAG
    }

    Measure {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
    }

    static Measure count(String name, long value) {
        return new Measure(name, value, Kind.COUNT);
    }

    static Measure millis(String name, double value) {
        return new Measure(name, value, Kind.MILLIS);
    }

    static Measure rate(String name, double value) {
        return new Measure(name, value, Kind.RATE);
    }

    static Measure flag(String name, boolean value) {
        return new Measure(name, value ? 1 : 0, Kind.FLAG);
    }

    String formatted() {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (kind) {
            case COUNT -> value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
            case MILLIS -> String.format(Locale.ROOT, "%.1f ms", value);
            case RATE -> String.format(Locale.ROOT, "%.0f/s", value);
            case FLAG -> value == 1 ? "yes" : "no";
        };
    }

    /** This baseline's value beside Steward's: a ratio where one means something, else both values. */
    String against(Measure steward) {
        if (Double.isNaN(value) || Double.isNaN(steward.value)) {
            return "n/a";
        }
        if (value == steward.value) {
            return "=";
        }
        if (kind == Kind.FLAG || steward.value == 0 || value == 0) {
            return formatted() + " vs " + steward.formatted();
        }
        return String.format(Locale.ROOT, "×%.2f", value / steward.value);
    }
}
