package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach an etcd cluster.
 *
 * @param endpoints client URLs, all http or all https
 * @param tls when the endpoints are https: the trust anchors and the client certificate
 * @param credentials etcd's own authentication
 * @param connectTimeout how long a connection may take to open
 * @param requestTimeout how long one call may take
 */
record Connection(
        List<URI> endpoints, Optional<Tls> tls, Optional<Credentials> credentials, Duration connectTimeout,
        Duration requestTimeout) {
    Connection {
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints is null"));
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint");
        }
        requireNonNull(tls, "tls is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
    }

    /**
     * @param caFile trusted certificate authorities (PEM); empty: the JDK's trust store
     * @param client a certificate (PEM) and its PKCS#8 private key (PEM), for client authentication
     */
    record Tls(Optional<Path> caFile, Optional<ClientCertificate> client) {
        Tls {
            requireNonNull(caFile, "caFile is null");
            requireNonNull(client, "client is null");
        }
    }

    record ClientCertificate(Path certFile, Path keyFile) {
        ClientCertificate {
            requireNonNull(certFile, "certFile is null");
            requireNonNull(keyFile, "keyFile is null");
        }
    }

    record Credentials(String user, String password) {
        Credentials {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden)]";
        }
    }
}
