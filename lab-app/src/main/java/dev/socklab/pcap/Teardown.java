package dev.socklab.pcap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a connection ended: the first FIN and the first RST each side sent, when they were captured. */
public record Teardown(Optional<Instant> finFromClient, Optional<Instant> finFromServer,
                       Optional<Instant> rstFromClient, Optional<Instant> rstFromServer) {

    public Optional<Instant> fin(Side from) {
        return from == Side.CLIENT ? finFromClient : finFromServer;
    }

    public Optional<Instant> rst(Side from) {
        return from == Side.CLIENT ? rstFromClient : rstFromServer;
    }

    /** The side that sent the first FIN: the one that closed first (active close). */
    public Optional<Side> firstFin() {
        return first(finFromClient, finFromServer);
    }

    /** The side that sent the first RST, if any. */
    public Optional<Side> rstBy() {
        return first(rstFromClient, rstFromServer);
    }

    /** Closed in both directions by FINs, or aborted by a RST. */
    public boolean isClosed() {
        return rstBy().isPresent() || (finFromClient.isPresent() && finFromServer.isPresent());
    }

    /** E.g. {@code FIN client→server first, then server→client}, {@code RST by server}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        firstFin().ifPresent(first -> parts.add(fin(first.other()).isPresent()
                ? "FIN " + first.direction() + " first, then " + first.other().direction()
                : "FIN " + first.direction() + " only"));
        rstBy().ifPresent(side -> parts.add("RST by " + side.label()
                + (rst(side.other()).isPresent() ? " and by " + side.other().label() : "")));
        return parts.isEmpty() ? "none seen (no FIN or RST)" : String.join(", then ", parts);
    }

    private static Optional<Side> first(Optional<Instant> client, Optional<Instant> server) {
        if (client.isEmpty()) return server.map(t -> Side.SERVER);
        if (server.isEmpty()) return Optional.of(Side.CLIENT);
        // Same timestamp: prefer the client, the usual active closer; the capture cannot tell.
        return Optional.of(server.get().isBefore(client.get()) ? Side.SERVER : Side.CLIENT);
    }
}
