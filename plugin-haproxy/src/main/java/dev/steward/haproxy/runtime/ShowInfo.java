package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to {@code show info}.
 *
 * @param pid the answering process
 * @param fields every {@code Name: value} pair, by name
 */
public record ShowInfo(long pid, Map<String, String> fields) {
    public static final String COMMAND = "show info";

    public ShowInfo {
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
    }

    /** @throws RuntimeApiException when the answer has no numeric {@code Pid} field */
    static ShowInfo parse(String answer) {
        requireNonNull(answer, "answer is null");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : answer.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        String pid = fields.get("Pid");
        if (pid == null) {
            throw new RuntimeApiException(COMMAND, "the answer has no Pid field: " + firstLine(answer));
        }
        try {
            return new ShowInfo(Long.parseLong(pid), fields);
        } catch (NumberFormatException notANumber) {
            throw new RuntimeApiException(COMMAND, "the Pid field is not a number: " + pid);
        }
    }

    private static String firstLine(String answer) {
        String first = answer.strip().lines().findFirst().orElse("(empty)");
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
