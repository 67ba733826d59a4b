package dev.steward.api.proxy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a proxy backend reports about its processes, for status and readiness. Built with
 * {@link #builder()}, so that it can grow without breaking a plugin. What only one kind of proxy knows
 * (HAProxy's spawn counter, its stderr file, its old processes) goes into {@link #details()}, which
 * status shows as it is.
 */
public final class BackendStatus {
    private final OptionalLong pid;
    private final long restarts;
    private final String detail;
    private final ProxyStop onStop;
    private final Optional<URI> frontend;
    private final Map<String, Object> details;

    private BackendStatus(Builder builder) {
        this.pid = builder.pid;
        this.restarts = builder.restarts;
        this.detail = builder.detail;
        this.onStop = builder.onStop;
        this.frontend = builder.frontend;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(builder.details));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The serving process, when one runs. */
    public OptionalLong pid() {
        return pid;
    }

    /** Unexpected exits that were restarted. */
    public long restarts() {
        return restarts;
    }

    /** A short human summary, such as {@code "serving revision 7"} or {@code "restarting in 2s"}. */
    public String detail() {
        return detail;
    }

    /** What a stop of Steward does with the proxy unless the stop says otherwise: the backend's own setting. */
    public ProxyStop onStop() {
        return onStop;
    }

    /** Where clients reach the proxy, such as {@code http://127.0.0.1:8080}; empty when the backend cannot tell. */
    public Optional<URI> frontend() {
        return frontend;
    }

    /**
     * Facts of this kind of proxy, by name, in status order; values are strings, numbers, booleans,
     * lists and maps of them, or an {@link Optional} of one, which status shows as {@code null} when
     * empty: a fact that does not exist yet.
     */
    public Map<String, Object> details() {
        return details;
    }

    /** Collects a status; only {@code detail} has no default. */
    public static final class Builder {
        private OptionalLong pid = OptionalLong.empty();
        private long restarts;
        private String detail = "";
        private ProxyStop onStop = ProxyStop.STOP;
        private Optional<URI> frontend = Optional.empty();
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder() {}

        public Builder pid(long value) {
            this.pid = OptionalLong.of(value);
            return this;
        }

        public Builder restarts(long value) {
            this.restarts = value;
            return this;
        }

        public Builder detail(String value) {
            this.detail = requireNonNull(value, "value is null");
            return this;
        }

        public Builder onStop(ProxyStop value) {
            this.onStop = requireNonNull(value, "value is null");
            return this;
        }

        public Builder frontend(URI value) {
            this.frontend = Optional.of(requireNonNull(value, "value is null"));
            return this;
        }

        public Builder detail(String name, Object value) {
            details.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public BackendStatus build() {
            return new BackendStatus(this);
        }
    }
}
