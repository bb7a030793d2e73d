package dev.socklab.lab;

/**
 * Where the server lives: the placements of docker-compose.yml ({@code ./lab up --topology NAME}), each
 * with the compose services that play server, the two captures and client, and what the wire must show.
 */
enum Topology {
    SAME_HOST("same-host", "same-host-server", "same-host-capture", null, "same-host-client", 64, 0),
    ROUTED("", "server", "capture", "router-capture", "client", 63, 1),
    BRIDGED("bridged", "bridged-server", "bridged-capture", "bridged-client-capture", "bridged-client", 64, 0),
    NAT("nat", "nat-server", "nat-capture", "gateway-capture", "nat-client", 63, 1);

    /** The TTL Linux starts every packet with: the client's SYN leaves with it. */
    static final int INITIAL_TTL = 64;

    final String profile;
    final String server;
    final String serverCapture;
    /** Null for same-host: one namespace, one loopback, one capture for both sides. */
    final String clientCapture;
    final String client;
    /** The TTL the client's SYN arrives with beside the server. */
    final int ttlAtServer;
    /** Routers between the two capture points (the client's side and the server's). */
    final int hops;

    Topology(String profile, String server, String serverCapture, String clientCapture, String client,
             int ttlAtServer, int hops) {
        this.profile = profile;
        this.server = server;
        this.serverCapture = serverCapture;
        this.clientCapture = clientCapture;
        this.client = client;
        this.ttlAtServer = ttlAtServer;
        this.hops = hops;
    }

    /** The compose services to start: routed is the default profile's. */
    String[] services() {
        if (this == ROUTED) return new String[0];
        return clientCapture == null ? new String[] {server, serverCapture, client}
                : new String[] {server, serverCapture, clientCapture, client};
    }

    /** The name ./lab up --topology takes. */
    @Override
    public String toString() {
        return name().toLowerCase().replace('_', '-');
    }
}
