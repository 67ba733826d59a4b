package dev.steward.haproxy.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BindAddressTest {
    @Test
    void readsIpv4Ipv6AndDnsHosts() {
        assertThat(BindAddress.parse("127.0.0.1:8080")).contains(new BindAddress("127.0.0.1", 8080));
        assertThat(BindAddress.parse("[::1]:80")).contains(new BindAddress("::1", 80));
        assertThat(BindAddress.parse("proxy.example.com:443")).contains(new BindAddress("proxy.example.com", 443));
    }

    @Test
    void writesTheFormHaproxyReads() {
        assertThat(new BindAddress("::", 8080)).hasToString("[::]:8080");
        assertThat(new BindAddress("0.0.0.0", 8080)).hasToString("0.0.0.0:8080");
    }

    @Test
    void refusesAnythingElse() {
        for (String text : new String[] {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:00000080", "256.1.1.1:80",
                "127.0.0.1:80 ", " 127.0.0.1:80", "a b:80", "[fe80::1%eth0]:80", "host:-1", "host:99999"}) {
            assertThat(BindAddress.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void clientsReachAWildcardBindOnLoopback() {
        assertThat(new BindAddress("0.0.0.0", 8080).clientUri(false)).hasToString("http://127.0.0.1:8080/");
        assertThat(new BindAddress("::", 8080).clientUri(false)).hasToString("http://[::1]:8080/");
        assertThat(new BindAddress("10.0.0.5", 80).clientUri(false)).hasToString("http://10.0.0.5:80/");
        assertThat(new BindAddress("10.0.0.5", 443).clientUri(true)).hasToString("https://10.0.0.5:443/");
    }
}
