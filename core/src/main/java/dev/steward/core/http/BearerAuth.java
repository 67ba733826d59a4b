package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * With a token configured, every path of the API needs {@code Authorization: Bearer <token>} but the
 * few on {@link #OPEN}: protected is the default, so an endpoint added later cannot be left open by
 * forgetting it, and an unknown path tells a caller without the token nothing. It decides on the
 * canonical {@link RequestPath}, the very string the router routes.
 */
final class BearerAuth {
    /** Probes and scrapers have no token: liveness, readiness and metrics stay open. */
    static final Set<String> OPEN = Set.of("/-/healthz", "/-/ready", "/metrics");
    private static final String SCHEME = "Bearer ";

    private final Optional<byte[]> expectedDigest;

    BearerAuth(Optional<String> token) {
        this.expectedDigest = requireNonNull(token, "token is null").map(BearerAuth::digest);
    }

    /** @throws ApiException 401 when the path needs the token and the request lacks it */
    void check(RequestPath path, Optional<String> authorization) {
        requireNonNull(path, "path is null");
        requireNonNull(authorization, "authorization is null");
        if (expectedDigest.isEmpty() || OPEN.contains(path.text())) {
            return;
        }
        String header = authorization.orElseThrow(() ->
                ApiException.unauthorized("this call needs the header Authorization: Bearer <steward.api.token>"));
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized("the Authorization header must use the Bearer scheme");
        }
        // Comparing digests of equal length takes the same time whatever the token sent.
        byte[] presented = digest(header.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(expectedDigest.get(), presented)) {
            throw ApiException.unauthorized("the bearer token is wrong");
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
