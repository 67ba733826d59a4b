package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import dev.steward.api.CommandContext;
import dev.steward.api.CommandProvider;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.RoutingDocumentParser;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * {@code steward publish}: checks a routing state file with the same rules as every source, then
 * writes it to etcd as one transaction and prints the transaction's revision, for a controller or a
 * script ({@code revision=$(steward publish ...)}).
 */
public final class PublishCommandProvider implements CommandProvider {
    private final Map<String, String> environment;

    public PublishCommandProvider() {
        this(System.getenv());
    }

    PublishCommandProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public String synopsis() {
        return PublishArguments.SYNOPSIS;
    }

    @Override
    public String description() {
        return "write a routing state file to etcd as one transaction and print its revision";
    }

    @Override
    public int run(CommandContext context) {
        requireNonNull(context, "context is null");
        PublishArguments arguments;
        try {
            arguments = PublishArguments.parse(context.arguments(), environment);
        } catch (BadArgumentException bad) {
            context.err().println("steward publish: " + bad.getMessage());
            context.err().println("usage: steward publish " + PublishArguments.SYNOPSIS);
            return CommandContext.BAD_USAGE;
        }
        RoutingDocument document;
        try {
            String text = Files.readString(arguments.stateFile(), StandardCharsets.UTF_8);
            document = RoutingDocumentParser.parse(text, arguments.stateFile().toString());
        } catch (IOException unreadable) {
            context.err().println("steward publish: cannot read " + arguments.stateFile() + ": " + unreadable.getMessage());
            return CommandContext.FAILED;
        } catch (InvalidBroadcastException invalid) {
            context.err().println("steward publish: the routing state is invalid, nothing was written: " + invalid.getMessage());
            return CommandContext.FAILED;
        }
        try (Client client = EtcdClients.forCommand(arguments.connection())) {
            long revision = StatePublisher.publish(client, arguments.connection(), arguments.layout(), document);
            context.out().println(revision);
            return CommandContext.OK;
        } catch (EtcdAccessException failure) {
            context.err().println("steward publish: nothing was written: " + failure.getMessage());
            return CommandContext.FAILED;
        }
    }
}
