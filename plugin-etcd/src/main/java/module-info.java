/**
 * A broadcast source shared by a fleet of proxy nodes through etcd (v3 API): each node follows the
 * routing state a controller writes under a prefix, acknowledges what it serves under a lease, and
 * reports what every live node serves, for a fleet-wide port gate. Also the {@code steward publish}
 * command that writes a routing state as one transaction.
 *
 * <p>Ships as a folder of {@code lib/} with jetcd and its dependencies (gRPC, Netty, Vert.x), which
 * Steward loads into a module layer of its own. Exports nothing.
 *
 * @provides dev.steward.api.BroadcastSourceProvider named {@code etcd}, settings under {@code steward.sources.etcd}
 * @provides dev.steward.api.CommandProvider {@code publish}
 */
module dev.steward.etcd {
    requires dev.steward.api;
    requires org.slf4j;
    // Automatic modules, named after their jar files; reading one reads the other automatic modules.
    requires jetcd.core;
    requires jetcd.common;
    requires io.netty.handler;

    provides dev.steward.api.BroadcastSourceProvider with dev.steward.etcd.EtcdSourceProvider;
    provides dev.steward.api.CommandProvider with dev.steward.etcd.PublishCommandProvider;
}
