package dev.steward.core.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.model.Broadcast;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.ModelRules;
import dev.steward.api.model.RoutingDecoder;
import dev.steward.api.model.RoutingEncoder;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One journal record per accepted broadcast, as a JSON object of one field: {@code targetGroups},
 * {@code fallbackTargets}, {@code targetGroup} (one group put) or {@code targetGroupRemoved} (its
 * name). Whole target groups that share groups with the ones before them are written as what
 * changed, {@code targetGroupsChanged}: the groups put, the names removed, and the order of the names
 * only when the new order is not the old one with new groups at the end. So a controller that PUTs
 * its whole snapshot for every change of one group writes one group per PUT.
 */
final class JournalRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUPS = "targetGroups";
    private static final String GROUPS_CHANGED = "targetGroupsChanged";
    private static final String FALLBACK = "fallbackTargets";
    private static final String GROUP = "targetGroup";
    private static final String GROUP_REMOVED = "targetGroupRemoved";
    private static final String PUT = "put";
    private static final String REMOVED = "removed";
    private static final String ORDER = "order";

    private JournalRecords() {}

    /** The record of {@code broadcast}, delivered after {@code before}. */
    static byte[] encode(Broadcast broadcast, HttpSourceState before) {
        Map<String, Object> tree = switch (broadcast) {
            case TargetGroups whole -> before.groups().map(old -> changed(old, whole))
                    .orElseGet(() -> Map.of(GROUPS, groups(whole.groups())));
            case FallbackTargets whole -> Map.of(FALLBACK, RoutingEncoder.targets(whole.targets()));
            case TargetGroupPut put -> Map.of(GROUP, RoutingEncoder.group(put.group()));
            case TargetGroupRemoval removal -> Map.of(GROUP_REMOVED, removal.name());
        };
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("the routing model cannot be encoded", impossible);
        }
    }

    /**
     * The broadcast a record holds, read after {@code before}.
     *
     * @throws InvalidBroadcastException when it is not a record this class wrote
     */
    static Broadcast decode(byte[] record, HttpSourceState before) {
        Map<?, ?> tree;
        try {
            tree = JSON.readValue(record, Map.class);
        } catch (IOException unreadable) {
            throw new InvalidBroadcastException("", "not a JSON object: " + unreadable.getMessage());
        }
        if (tree == null || tree.size() != 1) {
            throw new InvalidBroadcastException("", "expected an object of one field, found " + describe(tree));
        }
        Map.Entry<?, ?> only = tree.entrySet().iterator().next();
        Object value = only.getValue();
        return switch (String.valueOf(only.getKey())) {
            case GROUPS -> RoutingDecoder.targetGroups(Map.of(GROUPS, value));
            case GROUPS_CHANGED -> applied(before.groups().orElseThrow(() -> new InvalidBroadcastException(GROUPS_CHANGED,
                    "follows no whole target groups")), value);
            case FALLBACK -> RoutingDecoder.fallbackTargets(Map.of(FALLBACK, value));
            case GROUP -> new TargetGroupPut(group(value));
            case GROUP_REMOVED -> new TargetGroupRemoval(value instanceof String name ? name : null);
            default -> throw new InvalidBroadcastException(String.valueOf(only.getKey()), "is not a kind of record");
        };
    }

    private static Map<String, Object> changed(TargetGroups old, TargetGroups next) {
        Map<String, TargetGroup> oldByName = old.groups().stream()
                .collect(Collectors.toMap(TargetGroup::name, group -> group));
        List<TargetGroup> put = next.groups().stream().filter(group -> !group.equals(oldByName.get(group.name()))).toList();
        if (put.size() == next.groups().size()) {
            return Map.of(GROUPS, groups(next.groups()));
        }
        Set<String> kept = next.groups().stream().map(TargetGroup::name).collect(Collectors.toSet());
        List<String> removed = old.groups().stream().map(TargetGroup::name).filter(name -> !kept.contains(name)).toList();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put(PUT, groups(put));
        change.put(REMOVED, removed);
        if (!applied(old, put, removed, Optional.empty()).equals(next)) {
            change.put(ORDER, next.groups().stream().map(TargetGroup::name).toList());
        }
        return Map.of(GROUPS_CHANGED, change);
    }

    private static TargetGroups applied(TargetGroups old, Object tree) {
        if (!(tree instanceof Map<?, ?> change) || !(change.get(REMOVED) instanceof List<?> removed)) {
            throw new InvalidBroadcastException(GROUPS_CHANGED, "expected {\"put\": [...], \"removed\": [...]}, found " + describe(tree));
        }
        List<TargetGroup> put = RoutingDecoder.targetGroups(Map.of(GROUPS, change.get(PUT))).groups();
        Optional<List<String>> order = Optional.ofNullable(change.get(ORDER)).map(JournalRecords::names);
        return applied(old, put, names(removed), order);
    }

    /** The old groups less the removed ones, each put one in place of its namesake or after them, in {@code order} if given. */
    private static TargetGroups applied(TargetGroups old, List<TargetGroup> put, List<String> removed, Optional<List<String>> order) {
        Map<String, TargetGroup> byName = new LinkedHashMap<>();
        old.groups().forEach(group -> byName.put(group.name(), group));
        removed.forEach(byName::remove);
        put.forEach(group -> byName.put(group.name(), group));
        if (order.isEmpty()) {
            return new TargetGroups(List.copyOf(byName.values()));
        }
        List<String> names = order.get();
        if (names.size() != byName.size() || !Set.copyOf(names).equals(byName.keySet())) {
            throw new InvalidBroadcastException(GROUPS_CHANGED + "." + ORDER, "does not name each group once");
        }
        return new TargetGroups(names.stream().map(byName::get).toList());
    }

    private static List<Object> groups(List<TargetGroup> groups) {
        return groups.stream().<Object>map(RoutingEncoder::group).toList();
    }

    private static TargetGroup group(Object tree) {
        if (!(tree instanceof Map<?, ?> object) || !(object.get("name") instanceof String name)) {
            throw new InvalidBroadcastException(GROUP, "expected a target group with its name, found " + describe(tree));
        }
        return RoutingDecoder.group(object, name);
    }

    private static String describe(Object tree) {
        return ModelRules.quote(String.valueOf(tree));
    }

    private static List<String> names(Object tree) {
        if (!(tree instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new InvalidBroadcastException(GROUPS_CHANGED, "expected a list of names, found " + describe(tree));
        }
        return list.stream().map(String.class::cast).toList();
    }
}
