package dev.socklab.report;

import dev.socklab.pcap.CapturePoint;
import dev.socklab.pcap.TcpAnalysis;
import dev.socklab.pcap.TcpConnection;
import dev.socklab.pcap.UdpFlow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a report shows of one capture: its ladders (TCP connections first, then UDP flows, up to a limit)
 * and the counts for the page heading. Two streaming passes: the analysis, then the ladders.
 *
 * @param name     the capture's file name
 * @param notDrawn conversations beyond the limit, counted but not drawn
 * @param warning  set when the capture ends mid-packet: the report covers the complete packets
 */
public record CaptureReport(String name, long frames, int tcpConnections, int udpFlows, List<Ladder> ladders,
                            int notDrawn, Optional<String> warning) {

    public CaptureReport {
        ladders = List.copyOf(ladders);
    }

    /**
     * Reads a capture.
     *
     * @throws dev.socklab.pcap.CaptureFormatException when it is not a capture we can read
     */
    public static CaptureReport of(Path capture, int maxDiagrams) throws IOException {
        return of(CapturePoint.whole(capture), maxDiagrams);
    }

    /** Reads one capture point: a whole file, or one interface of a merged pcapng. */
    public static CaptureReport of(CapturePoint capture, int maxDiagrams) throws IOException {
        TcpAnalysis analysis = TcpAnalysis.upToTruncation(capture);
        List<TcpConnection> tcp = analysis.connections().stream().limit(maxDiagrams).toList();
        List<UdpFlow> udp = analysis.udpFlows().stream().limit(Math.max(0, maxDiagrams - tcp.size())).toList();
        List<Ladder> ladders = Ladders.draw(capture, analysis, tcp, udp, Defaults.HEAD_ROWS, Defaults.TAIL_ROWS);
        int total = analysis.connections().size() + analysis.udpFlows().size();
        return new CaptureReport(analysis.source(), analysis.frames(), analysis.connections().size(),
                analysis.udpFlows().size(), ladders, total - tcp.size() - udp.size(),
                analysis.truncation().map(t -> t.getMessage() + "; the report covers the complete packets before it"));
    }
}
