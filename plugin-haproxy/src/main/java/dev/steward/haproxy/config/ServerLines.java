package dev.steward.haproxy.config;

import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.Target;
import dev.steward.haproxy.settings.HaproxyTime;
import dev.steward.haproxy.slots.Slot;
import dev.steward.haproxy.slots.SlotPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server line of each slot of a pool. Every parameter is on the line itself: a server changed
 * through the runtime API does not inherit {@code default-server}, and a slot must behave the same
 * either way.
 */
final class ServerLines {
    /** What a free slot's server line says after its name. */
    private static final String FREE_SLOT = Slot.PLACEHOLDER_ADDRESS + " disabled weight " + Target.DEFAULT_WEIGHT;
    /** A slot's server line as {@link #write} writes it: the name, the target and its weight, the parameters. */
    private static final Pattern SERVER_LINE = Pattern.compile("(?m)^(?<name>" + ConfigText.INDENT_PATTERN
            + "server slot[1-9][0-9]* )\\S+(?: disabled)? weight [0-9]+(?<parameters> .*)$");

    private ServerLines() {}

    /** @param observeErrorLimit consecutive live-traffic connection errors that mark a server down */
    static void write(ConfigText config, SlotPool pool, HealthCheck check, int observeErrorLimit) {
        String parameters = " check inter " + HaproxyTime.format(check.interval())
                + " rise " + check.rise()
                + " fall " + check.fall()
                + " observe layer4 error-limit " + observeErrorLimit + " on-error mark-down"
                // none: a target name that does not resolve disables its slot instead of failing the whole config.
                + " init-addr last,libc,none";
        for (Slot slot : pool.slots()) {
            config.line("server " + slot.name() + " " + slot.target().map(Slot::serverLine).orElse(FREE_SLOT) + parameters);
        }
    }

    /** {@code config} with every slot's line as a free slot's. */
    static String vacate(String config) {
        return SERVER_LINE.matcher(config).replaceAll("${name}" + Matcher.quoteReplacement(FREE_SLOT) + "${parameters}");
    }
}
