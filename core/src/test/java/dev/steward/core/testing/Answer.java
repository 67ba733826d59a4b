package dev.steward.core.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/** What the API answered: status, headers and body, with the body read as JSON on demand. */
public record Answer(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Answer {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
    }

    public Map<String, Object> json() {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = JSON.readValue(body, Map.class);
            return tree;
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("the body is not a JSON object: " + body, notJson);
        }
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
