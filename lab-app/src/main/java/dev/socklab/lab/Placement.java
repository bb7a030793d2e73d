package dev.socklab.lab;

import static dev.socklab.lab.AddressPlan.Network.CLIENT_NET;
import static dev.socklab.lab.AddressPlan.Network.NAT_NET;
import static dev.socklab.lab.AddressPlan.Network.SERVER_NET;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where the server lives ({@code ./lab up --topology NAME}): each placement's lab file, and what its wire
 * must show. The same role names in each file, so nothing here maps services by hand.
 */
public enum Placement {
    ROUTED(Labs::routed, 63, 1),
    SAME_HOST(Labs::sameHost, 64, 0),
    BRIDGED(Labs::bridged, 64, 0),
    NAT(Labs::nat, 63, 1);

    /** The TTL Linux starts every packet with: the client's SYN leaves with it. */
    public static final int INITIAL_TTL = 64;

    private final Supplier<LabFile> file;
    /** The TTL the client's SYN arrives with beside the server: one less per router. */
    public final int ttlAtServer;
    /** Routers between the two capture points. */
    public final int hops;

    Placement(Supplier<LabFile> file, int ttlAtServer, int hops) {
        this.file = file;
        this.ttlAtServer = ttlAtServer;
        this.hops = hops;
    }

    public LabFile file() {
        return file.get();
    }

    /** Its lab file, or that file's IPv6 variant. */
    public LabFile file(boolean ipv6) {
        return ipv6 ? file.get().ipv6() : file.get();
    }

    /** The name --topology takes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Placement of(String name) {
        return Arrays.stream(values()).filter(p -> p.label().equals(name)).findFirst()
                .orElseThrow(() -> new LabFailure("unknown topology: " + name + " (one of: routed, same-host, bridged, nat)"));
    }

    /** Whether the client's side has a capture of its own (same-host: one namespace, one capture). */
    public boolean capturesClientSide() {
        return file().has("client-capture");
    }

    /** The port the client connects to: the NAT gateway's forwarded one, else the server's. */
    public int clientPort() {
        return this == NAT ? Labs.NAT_PORT : Labs.TCP_PORT;
    }

    /** One connection's two ends as the capture beside the server shows them. */
    public View atServer(AddressPlan plan) {
        return atServer(plan, false);
    }

    /** The same, over IPv4 or IPv6 (IPv6 in its short form, fd00:10:10:1::10: compare them as InetAddress). */
    public View atServer(AddressPlan plan, boolean ipv6) {
        BiFunction<AddressPlan.Network, Integer, String> at = ipv6 ? plan::address6 : plan::address;
        return switch (this) {
            case SAME_HOST -> new View(ipv6 ? "::1" : "127.0.0.1", ipv6 ? "::1" : "127.0.0.1", Labs.TCP_PORT);
            case ROUTED -> new View(at.apply(CLIENT_NET, Labs.CLIENT), at.apply(SERVER_NET, Labs.SERVER), Labs.TCP_PORT);
            case BRIDGED -> new View(at.apply(CLIENT_NET, Labs.BRIDGED_CLIENT), at.apply(CLIENT_NET, Labs.BRIDGED_SERVER), Labs.TCP_PORT);
            // Masqueraded, like VirtualBox's NAT: the server's peer is the gateway's address on nat-net.
            case NAT -> new View(at.apply(NAT_NET, Labs.NAT_GATEWAY), at.apply(NAT_NET, Labs.NAT_SERVER), Labs.TCP_PORT);
        };
    }

    /** The same connection on the client's side: what the client connected to. */
    public View atClient(AddressPlan plan) {
        return atClient(plan, false);
    }

    public View atClient(AddressPlan plan, boolean ipv6) {
        BiFunction<AddressPlan.Network, Integer, String> at = ipv6 ? plan::address6 : plan::address;
        return this == NAT
                ? new View(at.apply(CLIENT_NET, Labs.NAT_CLIENT), at.apply(CLIENT_NET, Labs.GATEWAY), Labs.NAT_PORT)
                : atServer(plan, ipv6);
    }

    /** A connection's client and server addresses and the server's port, as one capture shows them. */
    public record View(String client, String server, int port) {
    }
}
