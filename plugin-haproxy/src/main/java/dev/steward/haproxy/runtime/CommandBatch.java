package dev.steward.haproxy.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends runtime commands and reads each answer for what it means: done, or the command that failed and why. */
public final class CommandBatch {
    private static final Logger log = LoggerFactory.getLogger(CommandBatch.class);

    private CommandBatch() {}

    /**
     * Sends {@code commands} in order.
     *
     * @throws RuntimeApiException naming the first command HAProxy refused or did not answer as done
     */
    public static void run(RuntimeApi api, List<RuntimeCommand> commands) {
        requireNonNull(api, "api is null");
        requireNonNull(commands, "commands is null");
        if (commands.isEmpty()) {
            return;
        }
        List<String> answers = api.executeAll(commands.stream().map(RuntimeCommand::text).toList());
        for (int i = 0; i < commands.size(); i++) {
            RuntimeAnswer answer = commands.get(i).read(answers.get(i));
            if (!answer.done()) {
                if (answer.meaning() == RuntimeAnswer.Meaning.UNRECOGNISED) {
                    log.warn("Unrecognised answer to \"{}\": {}", commands.get(i).text(), answer.describe());
                }
                throw new RuntimeApiException(commands.get(i).text(), answer.describe());
            }
        }
    }
}
