package dev.steward.core.demo;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where the demo's live status goes. On a terminal the line is redrawn in place, cut to the terminal's
 * width so that it never wraps (a wrapped line cannot be redrawn), and what happens is printed above
 * it; elsewhere (a file, a pipe, {@code TERM=dumb}) each event is a line and the status one plain
 * line every few seconds.
 */
public final class StatusLine {
    /** How often a plain status line is printed. */
    public static final Duration PLAIN_EVERY = Duration.ofSeconds(3);
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream out;
    private final boolean inPlace;
    private final int width;
    private final LongSupplier nanoClock;
    private long nextPlainNanos;
    private boolean first = true;

    private StatusLine(PrintStream out, boolean inPlace, int width, LongSupplier nanoClock) {
        this.out = requireNonNull(out, "out is null");
        this.inPlace = inPlace;
        this.width = width;
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    /** A line redrawn in place on a terminal {@code width} columns wide. */
    public static StatusLine inPlace(PrintStream out, int width) {
        if (width < 2) {
            throw new IllegalArgumentException("a terminal is at least 2 columns wide, found " + width);
        }
        return new StatusLine(out, true, width, System::nanoTime);
    }

    /** Plain lines, a status line every {@link #PLAIN_EVERY} as {@code nanoClock} counts. */
    public static StatusLine plain(PrintStream out, LongSupplier nanoClock) {
        return new StatusLine(out, false, Integer.MAX_VALUE, nanoClock);
    }

    /** Shows the status now: redrawn in place, or printed if a plain line is due. */
    public void update(String status) {
        if (inPlace) {
            out.print(CLEAR_LINE + fit(status));
            out.flush();
            return;
        }
        long now = nanoClock.getAsLong();
        if (first || now - nextPlainNanos >= 0) {
            out.println(status);
            nextPlainNanos = now + PLAIN_EVERY.toNanos();
            first = false;
        }
    }

    /** Prints what happened on a line of its own, and the status after it. */
    public void event(String what, String status) {
        if (inPlace) {
            out.print(CLEAR_LINE);
        }
        out.println("  " + what);
        if (inPlace) {
            update(status);
        }
    }

    /** The final status, on a line that ends: later output starts on a line of its own. */
    public void last(String status) {
        out.println((inPlace ? CLEAR_LINE : "") + fit(status));
    }

    private String fit(String status) {
        return status.length() < width ? status : status.substring(0, width - 1);
    }
}
