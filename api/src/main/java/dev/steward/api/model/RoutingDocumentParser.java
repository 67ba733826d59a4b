package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a routing document written as HOCON or JSON (JSON is HOCON too). Every error carries the
 * origin of the offending field, {@code targets.conf:14}, so a person can find the line.
 */
public final class RoutingDocumentParser {
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    private RoutingDocumentParser() {}

    /**
     * @param text the document
     * @param originName how the document is named in messages, such as a file path or a store key
     */
    public static RoutingDocument parse(String text, String originName) {
        ConfigObject root = tree(text, originName);
        try {
            return RoutingDecoder.document(root.unwrapped());
        } catch (InvalidBroadcastException problem) {
            throw withOrigin(problem, root, originName);
        }
    }

    /**
     * Reads a document that holds exactly one kind, in the shape of a body of the HTTP API:
     * {@code {"targetGroups": [...]}} or {@code {"fallbackTargets": [...]}}. The kind's field is
     * required and no other field is allowed, so a document of the other kind never passes for an
     * empty one.
     *
     * @param originName how the document is named in messages, such as a file path or a store key
     */
    public static Broadcast parse(String text, String originName, BroadcastKind kind) {
        requireNonNull(kind, "kind is null");
        ConfigObject root = tree(text, originName);
        try {
            return switch (kind) {
                case TARGET_GROUPS -> RoutingDecoder.targetGroups(root.unwrapped());
                case FALLBACK_TARGETS -> RoutingDecoder.fallbackTargets(root.unwrapped());
                case TARGET_GROUP -> throw new IllegalArgumentException("a document holds a whole kind, not one group");
            };
        } catch (InvalidBroadcastException problem) {
            throw withOrigin(problem, root, originName);
        }
    }

    private static ConfigObject tree(String text, String originName) {
        requireNonNull(text, "text is null");
        requireNonNull(originName, "originName is null");
        try {
            return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(originName))
                    .resolve().root();
        } catch (ConfigException problem) {
            throw new InvalidBroadcastException("", "cannot be parsed: " + withoutOrigin(problem)).at(origin(problem.origin(), originName));
        }
    }

    private static InvalidBroadcastException withOrigin(InvalidBroadcastException problem, ConfigObject root, String originName) {
        ConfigOrigin origin = locate(root, problem.field()).orElse(root.origin());
        return problem.at(origin(origin, originName));
    }

    /** The nearest value to {@code field} that exists in the tree: the field, or its closest parent. */
    private static Optional<ConfigOrigin> locate(ConfigValue root, String field) {
        ConfigValue current = root;
        Matcher segments = SEGMENT.matcher(field);
        while (segments.find()) {
            ConfigValue next = null;
            if (segments.group(1) != null && current instanceof ConfigObject object) {
                next = object.get(segments.group(1));
            } else if (segments.group(2) != null && current instanceof ConfigList list) {
                int index = Integer.parseInt(segments.group(2));
                next = index < list.size() ? list.get(index) : null;
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return Optional.ofNullable(current.origin());
    }

    private static String origin(ConfigOrigin origin, String originName) {
        if (origin == null || origin.lineNumber() < 0) {
            return originName;
        }
        return originName + ":" + origin.lineNumber();
    }

    private static String withoutOrigin(ConfigException problem) {
        String message = problem.getMessage();
        if (problem.origin() != null) {
            String prefix = problem.origin().description() + ": ";
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }
}
