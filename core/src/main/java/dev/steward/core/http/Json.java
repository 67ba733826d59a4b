package dev.steward.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.api.model.ModelRules;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads request bodies into plain trees (maps, lists, strings, numbers) for the model's decoder, and
 * writes answers. Strict: one JSON object per body, no duplicate keys, no trailing tokens, no
 * comments, single quotes or other leniency.
 */
final class Json {
    /** The decoder's trees are a few levels deep; a deeper body is an attack on the parser's stack. */
    private static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            // Exact decimals, so that 1e400 is reported as out of range rather than read as infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** How Jackson cites a location inside its messages; the source itself is never included. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    private Json() {}

    /** @throws ApiException 400 with Jackson's line and column when the body is not one JSON object */
    static Map<?, ?> readObject(byte[] body) {
        Object tree;
        try (JsonParser parser = MAPPER.createParser(body)) {
            tree = readValue(parser);
        } catch (IOException unreadable) {
            throw ApiException.badRequest("", "unreadable JSON: " + unreadable.getMessage());
        }
        if (!(tree instanceof Map<?, ?> object)) {
            throw ApiException.badRequest("", "expected a JSON object, found " + describe(tree));
        }
        return object;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        try {
            if (parser.nextToken() == null) {
                throw ApiException.badRequest("", "the body is empty; expected a JSON object");
            }
            Object tree = MAPPER.readValue(parser, Object.class);
            // Checked here rather than with FAIL_ON_TRAILING_TOKENS, whose message names Jackson's internals.
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("", "malformed JSON" + where(parser.currentTokenLocation())
                        + ": unexpected content after the JSON value");
            }
            return tree;
        } catch (JsonProcessingException malformed) {
            // A broken limit (nesting depth) carries no location of its own: the parser knows where it stopped.
            JsonLocation location = malformed.getLocation() != null ? malformed.getLocation() : parser.currentLocation();
            throw ApiException.badRequest("", "malformed JSON" + where(location) + ": "
                    + SOURCE_LOCATION.matcher(malformed.getOriginalMessage()).replaceAll("line $1, column $2"));
        }
    }

    static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a plain tree could not be written as JSON", impossible);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A value of a plain tree, for a message: {@code string "x"}, {@code an object}. */
    static String describe(Object tree) {
        return switch (tree) {
            case null -> "null";
            case String text -> "string " + ModelRules.quote(text);
            case Number number -> "number " + number;
            case Boolean bool -> "boolean " + bool;
            case Map<?, ?> ignored -> "an object";
            default -> "an array";
        };
    }
}
