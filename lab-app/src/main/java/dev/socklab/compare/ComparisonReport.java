package dev.socklab.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.socklab.report.ReportFiles;
import dev.socklab.report.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** A comparison as people read it (a side-by-side table and the five classic points) and as JSON. */
public final class ComparisonReport {
    private static final String NONE = "—";

    private final Comparison c;

    public ComparisonReport(Comparison c) {
        this.c = c;
    }

    /** The side-by-side measures: measure, TCP, UDP. */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        row(rows, "packets on the wire", r -> count(r.packets()));
        row(rows, "  to the server / back", r -> count(r.packetsToServer()) + " / " + count(r.packetsFromServer()));
        row(rows, "bytes on the wire", r -> count(r.wireBytes()));
        row(rows, "header overhead", r -> pct(r.overheadPercent()));
        row(rows, "  IP header, each packet", r -> r.packets() == 0 ? NONE
                : r.ipHeaderBytes() / r.packets() + " bytes (IPv" + r.ipVersion() + ")");
        row(rows, "setup (handshake)", r -> r.setupPackets() == 0 ? "none" : r.setupPackets() + " packets, " + ms(r.setupMillis()));
        row(rows, "teardown packets", r -> r.teardownPackets() == 0 ? "none" : count(r.teardownPackets()));
        row(rows, "retransmissions", r -> opt(r.retransmissions()));
        row(rows, "duplicate ACKs", r -> opt(r.duplicateAcks()));
        row(rows, "datagrams lost", r -> r.datagramsLost() == null ? NONE
                : r.datagramsLost() + " of " + r.datagramsSent() + " (" + pct(100.0 * r.datagramsLost() / Math.max(1, r.datagramsSent())) + ")");
        row(rows, "datagrams reordered", r -> opt(r.datagramsReordered()));
        row(rows, "bytes delivered intact", r -> count(r.deliveredBytes()) + " of " + count(r.fileBytes()));
        row(rows, "SHA-256 match", r -> r.sha256Match() ? "yes" : "NO");
        row(rows, "duration", r -> ms(r.durationMillis()));
        row(rows, "goodput", r -> String.format(Locale.ROOT, "%.1f Mbit/s", r.goodputMbps()));
        return rows;
    }

    public Table table() {
        Table t = new Table("measure", ">TCP", ">UDP");
        rows().forEach(r -> t.row((Object[]) r));
        return t;
    }

    /** The classic lab's five points, each backed by a number from this run. */
    public Map<String, String> points() {
        TransportRun tcp = c.tcp();
        TransportRun udp = c.udp();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Reliability", String.format(Locale.ROOT,
                "TCP delivered %s of %s bytes intact%s. UDP: %d of %d datagrams arrived (%d lost)%s.",
                count(tcp.deliveredBytes()), count(tcp.fileBytes()),
                repairs(tcp),
                udp.datagramsReceived(), udp.datagramsSent(), udp.datagramsLost(),
                udp.sha256Match() ? ", the file is whole" : ": nothing resends them, so the file was not saved"));
        p.put("Ordering", String.format(Locale.ROOT,
                "TCP hands the application bytes in order%s. UDP: %d datagrams arrived after a higher-numbered one; "
                        + "only the numbers socklab puts in each datagram let the receiver put them back in order.",
                tcp.outOfOrder() == null ? "" : " (" + tcp.outOfOrder() + " segments arrived out of order on the wire)",
                udp.datagramsReordered()));
        p.put("Error checking", String.format(Locale.ROOT,
                "%s of %s TCP segments and %s of %s UDP datagrams carried a checksum (UDP's is optional over IPv4); "
                        + "end to end, SHA-256 matched for TCP: %s, for UDP: %s.",
                count(tcp.checksummed()), count(tcp.packets()), count(udp.checksummed()), count(udp.packets()),
                tcp.sha256Match() ? "yes" : "no", udp.sha256Match() ? "yes" : "no"));
        p.put("Flow control", String.format(Locale.ROOT,
                "The TCP receiver sent %s packets back (ACKs advertising its window%s); the UDP receiver sent %s: "
                        + "nothing told the UDP sender to slow down.",
                count(tcp.packetsFromServer()),
                tcp.zeroWindows() == null ? "" : ", " + tcp.zeroWindows() + " of them a zero window",
                count(udp.packetsFromServer())));
        p.put("Speed", String.format(Locale.ROOT,
                "TCP: %s to set up (%d packets), %s for the transfer, %.1f Mbit/s goodput, %s overhead. "
                        + "UDP: no setup, %s, %.1f Mbit/s goodput, %s overhead.",
                ms(tcp.setupMillis()), tcp.setupPackets(), ms(tcp.durationMillis()), tcp.goodputMbps(), pct(tcp.overheadPercent()),
                ms(udp.durationMillis()), udp.goodputMbps(), pct(udp.overheadPercent())));
        return p;
    }

    public String terminal() {
        StringBuilder b = new StringBuilder();
        b.append("TCP vs UDP: ").append(count(c.sentBytes())).append(" bytes of ").append(c.sentFile())
                .append(", ").append(link()).append("\n\n");
        b.append(table().render().indent(2)).append('\n');
        points().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# TCP vs UDP, measured\n\n");
        b.append("The same ").append(count(c.sentBytes())).append("-byte payload (`").append(c.sentFile())
                .append("`, SHA-256 `").append(c.sentSha256()).append("`) sent over TCP and over UDP, ")
                .append(link()).append(". Every number is read from the capture beside each server ")
                .append("or from the file it saved.\n\n");
        b.append("| measure | TCP | UDP |\n|---|---:|---:|\n");
        rows().forEach(r -> b.append("| ").append(r[0].strip()).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n"));
        b.append("\n## The five classic points\n\n");
        points().forEach((k, v) -> b.append("- **").append(k).append("**: ").append(v).append('\n'));
        return b.toString();
    }

    public String json() throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c) + "\n";
    }

    /** Writes report.md and report.json into {@code dir}, each whole or not at all. */
    public List<Path> write(Path dir) throws IOException {
        List<Path> written = List.of(dir.resolve("report.md"), dir.resolve("report.json"));
        ReportFiles.replace(written.get(0), markdown());
        ReportFiles.replace(written.get(1), json());
        return written;
    }


    private String link() {
        List<String> parts = new ArrayList<>();
        if (c.lossPercent() != null) parts.add(String.format(Locale.ROOT, "%s%% random loss", trim(c.lossPercent())));
        if (c.rate() != null) parts.add("rate limited to " + c.rate());
        return parts.isEmpty() ? "across the router on a clean link" : "across the router with " + String.join(" and ", parts);
    }

    private void row(List<String[]> rows, String measure, Function<TransportRun, String> cell) {
        rows.add(new String[] {measure, cell.apply(c.tcp()), cell.apply(c.udp())});
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    private static String ms(Double millis) {
        return millis == null ? NONE : String.format(Locale.ROOT, "%.3f ms", millis);
    }

    private static String opt(Object o) {
        return o == null ? NONE : o.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /**
     * How TCP repaired loss, as the server's capture shows it. A resent segment that fills a gap soon after the
     * segments beyond it is what Wireshark calls out-of-order rather than a retransmission, so both are repairs here
     * (the lab's router never reorders).
     */
    private static String repairs(TransportRun tcp) {
        if (tcp.retransmissions() == null) return "";
        long out = tcp.outOfOrder() == null ? 0 : tcp.outOfOrder();
        if (tcp.retransmissions() + out == 0) return ", no segment sent twice";
        return String.format(Locale.ROOT, ", repairing loss with %d retransmissions%s", tcp.retransmissions(),
                out == 0 ? "" : " and " + out + " resent segments that filled their gap at once (Wireshark: out-of-order)");
    }
}
