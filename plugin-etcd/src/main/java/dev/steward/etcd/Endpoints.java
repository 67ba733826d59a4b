package dev.steward.etcd;

import dev.steward.api.model.ModelRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/** Reads etcd client URLs: {@code http://host:port} or {@code https://host:port}, nothing else. */
final class Endpoints {
    static final String EXPECTED = "a URL such as http://127.0.0.1:2379 (http or https, a host and a port, no path)";

    private Endpoints() {}

    static Optional<URI> parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
        boolean scheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        boolean path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|]$", "");
        boolean goodHost = ModelRules.isIpLiteral(host) || ModelRules.isDnsName(host);
        if (!scheme || !path || !goodHost || uri.getPort() < 1 || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        return Optional.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
    }

    static boolean secure(List<URI> endpoints) {
        return endpoints.stream().allMatch(endpoint -> endpoint.getScheme().equals("https"));
    }

    static boolean mixed(List<URI> endpoints) {
        return !secure(endpoints) && endpoints.stream().anyMatch(endpoint -> endpoint.getScheme().equals("https"));
    }
}
