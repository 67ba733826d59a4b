package dev.steward.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    @Test
    void acceptsHttpAndHttpsWithAHostAndAPort() {
        assertThat(Endpoints.parse("http://127.0.0.1:2379")).contains(URI.create("http://127.0.0.1:2379"));
        assertThat(Endpoints.parse("https://etcd.example:2379/")).contains(URI.create("https://etcd.example:2379"));
        assertThat(Endpoints.parse("http://[::1]:2379")).contains(URI.create("http://[::1]:2379"));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : List.of("127.0.0.1:2379", "ftp://127.0.0.1:2379", "http://127.0.0.1", "http://127.0.0.1:2379/v3",
                "http://user@127.0.0.1:2379", "http://127.0.0.1:2379?x=1", "http://bad host:2379", "")) {
            assertThat(Endpoints.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void tellsSecureFromMixedLists() {
        List<URI> secure = List.of(URI.create("https://a.example:2379"), URI.create("https://b.example:2379"));
        List<URI> mixed = List.of(URI.create("https://a.example:2379"), URI.create("http://b.example:2379"));
        assertThat(Endpoints.secure(secure)).isTrue();
        assertThat(Endpoints.mixed(secure)).isFalse();
        assertThat(Endpoints.secure(mixed)).isFalse();
        assertThat(Endpoints.mixed(mixed)).isTrue();
    }
}
