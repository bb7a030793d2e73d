package dev.socklab.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One transport's run in a comparison, as its server-side capture and its files show it. Fields that
 * do not apply to a transport (retransmissions for UDP, lost datagrams for TCP) are null, and absent
 * from the JSON.
 *
 * @param packets          frames of this transfer on the wire, both directions
 * @param packetsFromServer frames the receiving side sent back (TCP's ACKs; UDP: none)
 * @param wireBytes        frame bytes on the wire, both directions, as Wireshark counts them
 * @param payloadBytes     transport payload on the wire (TCP data, UDP data incl. socklab's 16-byte header)
 * @param dataBytes        distinct application bytes that reached the server (repeats counted once)
 * @param fileBytes        size of the file that was sent
 * @param deliveredBytes   bytes the server saved whose SHA-256 matches the sent file (0 if none)
 * @param checksummed      packets whose transport checksum field was in use
 * @param setupPackets     packets before any data could flow: TCP's handshake; UDP: 0
 * @param setupMillis      SYN to the handshake's ACK, as seen beside the server; null for UDP
 * @param teardownPackets  packets from the first FIN on; UDP: 0
 * @param datagramsSent    UDP: datagrams the sender numbered (from the header's total)
 * @param datagramsLost    UDP: numbered datagrams that never reached the server
 * @param durationMillis   first packet to the last one carrying data to the server
 * @param goodputMbps      delivered bytes per second of duration, in Mbit/s
 * @param ipVersion        4 or 6
 * @param ipHeaderBytes    the IP headers' bytes in all its packets: IPv4's are 20 bytes each, IPv6's 40
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransportRun(String protocol, long packets, long packetsToServer, long packetsFromServer,
                           long wireBytes, long payloadBytes, long dataBytes, long fileBytes, long deliveredBytes, boolean sha256Match,
                           long checksummed, long setupPackets, Double setupMillis, long teardownPackets, String teardown,
                           Long retransmissions, Long duplicateAcks, Long zeroWindows, Long outOfOrder,
                           Integer datagramsSent, Integer datagramsReceived, Integer datagramsLost,
                           Integer datagramsReordered, Integer datagramsDuplicated,
                           double durationMillis, double goodputMbps, int ipVersion, long ipHeaderBytes) {

    /** Share of the wire that was not application data: headers, handshake, ACKs, repeats. */
    @JsonProperty
    public double overheadPercent() {
        return wireBytes == 0 ? 0 : 100.0 * (wireBytes - Math.min(dataBytes, wireBytes)) / wireBytes;
    }

    static double mbps(long bytes, double millis) {
        return millis <= 0 ? 0 : bytes * 8 / (millis * 1000);
    }
}
