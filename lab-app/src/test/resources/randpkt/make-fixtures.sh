#!/usr/bin/env bash
# Regenerates the capture fixtures in this folder: packets at the edges, where a length field runs
# past its frame or a header length cannot be right.
#
# Needs: randpkt (Debian's wireshark-common), tshark, python3.
#   apt-get install -y wireshark-common tshark
# Run:   ./make-fixtures.sh
#
#   tcp.pcap, udp.pcap, ipv6.pcap, ip.pcap: Wireshark's own random packets, 2,000 each, at most 64 random
#     bytes behind each template (randpkt -b 64 -c 2000 -t TYPE; tcp's template is Token Ring + LLC SNAP).
#     randpkt takes no seed: each run writes different packets. The committed ones were picked among a
#     dozen runs each for holding the rarer cases too (UDP length below 8, UDP-Lite, IPv4 total length below
#     the header). After regenerating, refresh the expected numbers in RandomPacketsTest from
#       tshark -n -q -r F -z conv,tcp -z conv,udp
#   edge-cases.pcap: one packet per rule (raw IP, link type 101), written by the Python below; the
#     comments name what tshark does with each.
set -euo pipefail
cd "$(dirname "$0")"
for type in tcp udp ipv6 ip; do randpkt -b 64 -c 2000 -t "$type" "$type.pcap"; done
python3 - edge-cases.pcap <<'PY'
import struct, sys
def ip4(proto, payload, total=None, ihl=5, frag=0x4000):
    tl = total if total is not None else 4 * 5 + len(payload)
    return struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, tl, 1, frag, 64, proto, 0,
                       bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + payload
def ip6(nh, payload, plen=None):
    pl = plen if plen is not None else len(payload)
    return (struct.pack('!IHBB', 0x60000000, pl, nh, 64) + bytes([0xfd] + [0] * 14 + [1])
            + bytes([0xfd] + [0] * 14 + [2]) + payload)
def udp(sp, length, data=b'x' * 12): return struct.pack('!HHHH', sp, 53000, length, 0) + data
def tcp(sp, off): return struct.pack('!HHIIBBHHH', sp, 80, 1, 0, off << 4, 0x02, 1000, 0, 0) + b'\0' * (max(off, 5) * 4 - 20 if off <= 6 else 0)
packets = [
    ip4(6, tcp(1001, 4)),                      # 1 TCP data offset 16 < 20: not in conv,tcp
    ip4(6, tcp(1002, 15)),                     # 2 TCP data offset 60 > IP payload 20: not in conv,tcp
    ip4(6, tcp(1003, 6)),                      # 3 a good SYN with 4 bytes of options
    ip4(136, udp(2001, 5)),                    # 4 UDP-Lite coverage 5 < 8: flagged, still in conv,udp
    ip4(136, udp(2002, 200)),                  # 5 UDP-Lite coverage 200 > 20: flagged, still counted
    ip4(136, udp(2003, 0)),                    # 6 UDP-Lite coverage 0 (all of it): fine
    ip4(17, udp(3001, 0)),                     # 7 UDP length 0 over IPv4: not in conv,udp
    ip6(17, udp(3002, 0)),                     # 8 UDP length 0 over IPv6 without a jumbogram: flagged, counted
    ip4(17, udp(3004, 20), total=10),          # 9 IPv4 total length 10 < header: not IP
    ip4(17, udp(3005, 20), ihl=4),             # 10 IPv4 header length 16: not IP
    ip4(17, udp(3006, 20), total=200),         # 11 IPv4 total length past the frame: flagged, counted
    ip6(17, udp(3007, 20), plen=500),          # 12 IPv6 payload length past the frame: flagged, counted
    ip4(17, udp(3008, 300)),                   # 13 UDP length past the IP payload: flagged, counted
    ip4(6, tcp(1004, 5), total=300),           # 14 TCP in an IPv4 packet longer than its frame: counted
    ip4(17, udp(3009, 20), total=0),           # 15 IPv4 total length 0 (segmentation offload): counted
    ip4(17, udp(3010, 20)[:6]),                # 16 UDP header cut to 6 bytes: not counted
    ip4(6, tcp(1005, 5)[:12]),                 # 17 TCP header cut to 12 bytes: not counted
    ip6(17, udp(3011, 20)[:6]),                # 18 the same over IPv6
]
with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
    for i, p in enumerate(packets):
        out.write(struct.pack('<IIII', 1700000000 + i, 0, len(p), len(p)) + p)
PY
