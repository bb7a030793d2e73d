/**
 * Reading packet captures and finding the TCP connections and UDP flows in them.
 *
 * <p>Layers, bottom up: {@link dev.socklab.pcap.CaptureReader} opens a file as a streaming
 * {@link dev.socklab.pcap.PacketSource} of {@link dev.socklab.pcap.Frame}s (classic pcap or pcapng, chosen
 * by magic number); {@link dev.socklab.pcap.PacketDecoder}
 * turns a frame into a {@link dev.socklab.pcap.Packet} (link layer, IPv4/IPv6, TCP/UDP);
 * {@link dev.socklab.pcap.TcpAnalysis} groups packets into {@link dev.socklab.pcap.TcpConnection}s
 * and {@link dev.socklab.pcap.UdpFlow}s. No pcap library is used: the formats are small and the lab
 * wants to show exactly what is read.
 */
package dev.socklab.pcap;
