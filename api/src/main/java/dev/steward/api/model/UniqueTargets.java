package dev.steward.api.model;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules every list of targets keeps, a group's and the fallback's alike: present, at most
 * {@link TargetGroup#MAX_TARGETS} long, no null, and no replica id or address twice. Two spellings of
 * one address are the same address: a DNS name in another case, an IPv6 literal written shorter or
 * longer, an IPv4 address written as IPv6.
 */
final class UniqueTargets {
    private UniqueTargets() {}

    /**
     * @param field the list's name in messages, such as {@code targets}
     * @return an unmodifiable copy
     * @throws InvalidBroadcastException naming the element that breaks a rule, and the earlier one it repeats
     */
    static List<Target> require(String field, List<Target> targets) {
        if (targets == null) {
            throw new InvalidBroadcastException(field, "is required");
        }
        if (targets.size() > TargetGroup.MAX_TARGETS) {
            throw new InvalidBroadcastException(field,
                    "must hold at most " + TargetGroup.MAX_TARGETS + " targets, found " + targets.size());
        }
        Map<String, Integer> replicaIds = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String path = field + "[" + i + "]";
            if (target == null) {
                throw new InvalidBroadcastException(path, "is null");
            }
            Integer earlier = replicaIds.putIfAbsent(target.replicaId(), i);
            if (earlier != null) {
                throw new InvalidBroadcastException(path + ".replicaId",
                        "duplicates " + field + "[" + earlier + "].replicaId " + ModelRules.quote(target.replicaId()));
            }
            earlier = addresses.putIfAbsent(canonical(target), i);
            if (earlier != null) {
                String first = targets.get(earlier).address();
                String spelling = first.equals(target.address()) ? "" : ", the same as " + target.address();
                throw new InvalidBroadcastException(path + ".port",
                        "duplicates the address of " + field + "[" + earlier + "] (" + first + spelling + ")");
            }
        }
        return List.copyOf(targets);
    }

    /** One spelling per address: lower-case names, IP literals as the JDK prints them. */
    private static String canonical(Target target) {
        String host = ModelRules.isIpLiteral(target.host())
                ? InetAddress.ofLiteral(target.host()).getHostAddress()
                : target.host().toLowerCase(Locale.ROOT);
        return host + " " + target.port();
    }
}
