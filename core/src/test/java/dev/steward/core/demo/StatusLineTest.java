package dev.steward.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the demo's status line writes, on a terminal and elsewhere. */
class StatusLineTest {
    private static final String CLEAR = "\r\033[K";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEventsArePrintedAboveIt() {
        StatusLine line = StatusLine.inPlace(out, 80);

        line.update("requests 1");
        line.update("requests 2");
        line.event("scaled shop up to 3", "requests 3");
        line.update("requests 4");
        line.last("requests 5");

        assertThat(printed()).isEqualTo(CLEAR + "requests 1" + CLEAR + "requests 2" + CLEAR + "  scaled shop up to 3\n"
                + CLEAR + "requests 3" + CLEAR + "requests 4" + CLEAR + "requests 5\n");
    }

    @Test
    void onATerminalALineWiderThanItIsCutSoThatItNeverWraps() {
        StatusLine line = StatusLine.inPlace(out, 10);

        line.update("requests 123456");
        line.update("short");
        line.last("123456789");

        assertThat(printed()).isEqualTo(CLEAR + "requests " + CLEAR + "short" + CLEAR + "123456789\n");
        assertThatThrownBy(() -> StatusLine.inPlace(out, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
    }

    @Test
    void elsewhereEachEventIsALineAndTheStatusAPlainLineEveryFewSeconds() {
        StatusLine line = StatusLine.plain(out, nanos::get);

        line.update("requests 1");
        line.update("requests 2");
        advance(StatusLine.PLAIN_EVERY.minusMillis(1));
        line.update("requests 3");
        line.event("scaled shop up to 3", "requests 4");
        advance(Duration.ofMillis(1));
        line.update("requests 5");
        line.update("requests 6");
        advance(StatusLine.PLAIN_EVERY);
        line.update("requests 7");
        line.last("requests 8");

        assertThat(printed()).isEqualTo("requests 1\n  scaled shop up to 3\nrequests 5\nrequests 7\nrequests 8\n")
                .doesNotContain("\r").doesNotContain("\033");
    }

    private void advance(Duration elapsed) {
        nanos.addAndGet(elapsed.toNanos());
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
