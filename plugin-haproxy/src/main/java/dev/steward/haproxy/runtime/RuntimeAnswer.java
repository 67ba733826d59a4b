package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What HAProxy's answer to one runtime command means, read for every version Steward supports (2.6
 * and 3.0 answer some commands in other words; their answers are kept as test fixtures). An answer
 * that is neither a known success nor a known refusal is {@link Meaning#UNRECOGNISED}: a failure that
 * says so, never taken for success, nor for an ordinary refusal, by accident.
 *
 * @param meaning done, refused, or not an answer Steward knows
 * @param said the answer as HAProxy wrote it, without surrounding blank space
 */
public record RuntimeAnswer(Meaning meaning, String said) {
    /** HAProxy's words for a command it did not carry out, in 2.6 and in 3.0. */
    private static final List<Pattern> REFUSALS = List.of(
            Pattern.compile("No such (server|backend)\\."),
            Pattern.compile("Absolute weight can only be between .*"),
            Pattern.compile("Relative weight .*"),
            Pattern.compile("Invalid addr.*"),
            Pattern.compile("'set server <srv> .*' expects .*"),
            Pattern.compile("Require 'backend/server'.*"),
            Pattern.compile("Already exists a server with the same name in backend\\."),
            Pattern.compile("'[a-z-]+' option is not accepted for dynamic server"),
            Pattern.compile("'[a-z-]+' (keyword )?not supported for dynamic server.*"),
            Pattern.compile("Backend must use a dynamic load balancing to support dynamic servers\\."),
            Pattern.compile("Only servers in maintenance mode can be deleted\\."),
            Pattern.compile("Server still has connections attached to it, cannot remove it\\."),
            Pattern.compile("Key not found\\."),
            Pattern.compile("entry not found\\."),
            Pattern.compile("Unknown map identifier\\..*"),
            Pattern.compile("Unknown ACL identifier\\..*"),
            Pattern.compile("Unknown command.*", Pattern.DOTALL),
            Pattern.compile("Permission denied.*"));
    private static final String FROM_TO = "changed from '[^']*' to '[^']*'";
    /** {@code set server ... addr}: 2.6 says "no need to change", 3.0 "nothing changed" or the port alone. */
    private static final Pattern ADDRESS_SET_WORDS = Pattern.compile("(IP " + FROM_TO + "(, port " + FROM_TO + ")?"
            + "|no need to change the addr(, port " + FROM_TO + "|, no need to change the port)?"
            + "|port " + FROM_TO + ")( by 'stats socket command')?|nothing changed");
    private static final Pattern SERVER_ADDED_WORDS = Pattern.compile("New server registered\\.");
    private static final Pattern SERVER_DELETED_WORDS = Pattern.compile("Server deleted\\.");
    private static final Pattern VERSION_CREATED_WORDS = Pattern.compile("New version created: [0-9]+");

    public RuntimeAnswer {
        requireNonNull(meaning, "meaning is null");
        requireNonNull(said, "said is null");
    }

    /** What a command expects HAProxy to answer when it is done. */
    enum Expect {
        /** {@code set server ... weight|state|health}, {@code enable|disable server|health}, map entries. */
        NOTHING,
        /** {@code set server ... addr}. */
        ADDRESS_SET,
        /** {@code add server}. */
        SERVER_ADDED,
        /** {@code del server}. */
        SERVER_DELETED,
        /** {@code prepare map}: the version to fill. */
        VERSION_CREATED;

        private boolean done(String said) {
            return switch (this) {
                case NOTHING -> said.isEmpty();
                case ADDRESS_SET -> ADDRESS_SET_WORDS.matcher(said).matches();
                case SERVER_ADDED -> SERVER_ADDED_WORDS.matcher(said).matches();
                case SERVER_DELETED -> SERVER_DELETED_WORDS.matcher(said).matches();
                case VERSION_CREATED -> VERSION_CREATED_WORDS.matcher(said).matches();
            };
        }
    }

    public enum Meaning {
        DONE,
        REFUSED,
        UNRECOGNISED
    }

    /** Reads {@code answer}, the whole answer to one command that expects {@code expect}. */
    static RuntimeAnswer read(Expect expect, String answer) {
        requireNonNull(expect, "expect is null");
        String said = requireNonNull(answer, "answer is null").strip();
        if (expect.done(said)) {
            return new RuntimeAnswer(Meaning.DONE, said);
        }
        boolean refusal = REFUSALS.stream().anyMatch(pattern -> pattern.matcher(said).matches());
        return new RuntimeAnswer(refusal ? Meaning.REFUSED : Meaning.UNRECOGNISED, said);
    }

    public boolean done() {
        return meaning == Meaning.DONE;
    }

    /** For a failure's message: what HAProxy said, and whether it is an answer Steward knows. */
    public String describe() {
        String quoted = said.isEmpty() ? "nothing" : "\"" + said + "\"";
        return switch (meaning) {
            case DONE -> "done: " + quoted;
            case REFUSED -> "HAProxy refused it: " + quoted;
            case UNRECOGNISED -> "HAProxy answered " + quoted + ", which is neither a success nor a refusal that HAProxy 2.6"
                    + " or 3.0 gives to this command (an HAProxy version Steward does not know?)";
        };
    }
}
