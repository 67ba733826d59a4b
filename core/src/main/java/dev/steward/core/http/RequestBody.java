package dev.steward.core.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Reads a request body up to a limit; a bigger body is refused without reading the rest. */
final class RequestBody {
    private static final String JSON = "application/json";

    private RequestBody() {}

    /** @throws ApiException 413 past the limit, 415 for a declared type other than JSON */
    static byte[] readJson(HttpExchange exchange, long limit) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !mediaType(type).equals(JSON)) {
            throw ApiException.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "",
                    "the body must be JSON (Content-Type: application/json), found Content-Type " + type);
        }
        return read(exchange, limit);
    }

    private static byte[] read(HttpExchange exchange, long limit) {
        // The server has already refused a malformed Content-Length.
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && Long.parseLong(declared.strip()) > limit) {
            throw ApiException.bodyTooLarge(limit);
        }
        // A chunked body declares no length: read one byte past the limit to see whether it goes on.
        InputStream in = exchange.getRequestBody();
        try {
            byte[] body = in.readNBytes(Math.toIntExact(limit + 1));
            if (body.length > limit) {
                throw ApiException.bodyTooLarge(limit);
            }
            return body;
        } catch (IOException broken) {
            throw new UncheckedIOException("reading the request body failed", broken);
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
