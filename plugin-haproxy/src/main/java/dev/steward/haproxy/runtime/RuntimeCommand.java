package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;

/**
 * One {@code set server} command of HAProxy's runtime API, built only from checked parts: a server
 * name in HAProxy's name alphabet, an IP literal, numbers and fixed words. Nothing in it can hold a
 * space out of place, a line break or the {@code ;} that separates commands.
 *
 * @param server the server it changes
 * @param action what it sets, after {@code set server <backend>/<server>}
 * @param expect what HAProxy answers when it is done
 */
public record RuntimeCommand(ServerName server, String action, RuntimeAnswer.Expect expect) {
    public RuntimeCommand {
        requireNonNull(server, "server is null");
        requireNonNull(action, "action is null");
        requireNonNull(expect, "expect is null");
    }

    /** Points the server at {@code ip}:{@code port}; HAProxy's checks follow the server's address. */
    public static RuntimeCommand address(ServerName server, String ip, int port) {
        requireNonNull(ip, "ip is null");
        if (!ModelRules.isIpLiteral(ip)) {
            throw new IllegalArgumentException("an IP literal expected, found " + ModelRules.quote(ip));
        }
        requireRange("port", port, 1, 65535);
        return new RuntimeCommand(server, "addr " + ip + " port " + port, RuntimeAnswer.Expect.ADDRESS_SET);
    }

    public static RuntimeCommand weight(ServerName server, int weight) {
        requireRange("weight", weight, ModelRules.MIN_WEIGHT, ModelRules.MAX_WEIGHT);
        return new RuntimeCommand(server, "weight " + weight, RuntimeAnswer.Expect.NOTHING);
    }

    public static RuntimeCommand state(ServerName server, AdminState state) {
        return new RuntimeCommand(server, "state " + requireNonNull(state, "state is null").word(), RuntimeAnswer.Expect.NOTHING);
    }

    /** Marks the server down until it passes {@code rise} checks in a row. */
    public static RuntimeCommand healthDown(ServerName server) {
        return new RuntimeCommand(server, "health down", RuntimeAnswer.Expect.NOTHING);
    }

    public String text() {
        return "set server " + server + " " + action;
    }

    /** What HAProxy's answer to this command means. */
    public RuntimeAnswer read(String answer) {
        return RuntimeAnswer.read(expect, answer);
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", found " + value);
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
