package dev.steward.etcd;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.Optional;

/**
 * The value of {@code <prefix>/acks/<node-id>}: {@code {"applied": 1234, "settled": 1230}}, in etcd
 * revisions.
 *
 * @param applied the etcd revision whose routing state this node's proxy serves
 * @param settled the oldest etcd revision any process of this node's proxy still routes with, old
 *     processes finishing connections included; 0 while that is not known
 */
record Ack(long applied, long settled) {
    Ack {
        if (applied < 0 || settled < 0 || settled > applied) {
            throw new IllegalArgumentException("expected 0 <= settled <= applied, found settled " + settled + " and applied "
                    + applied);
        }
    }

    String json() {
        return "{\"applied\": " + applied + ", \"settled\": " + settled + "}";
    }

    /** Empty when the value is not an acknowledgement of this shape. */
    static Optional<Ack> parse(String value) {
        try {
            Config config = ConfigFactory.parseString(value, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
            if (config.root().size() != 2) {
                return Optional.empty();
            }
            return Optional.of(new Ack(config.getLong("applied"), config.getLong("settled")));
        } catch (ConfigException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
