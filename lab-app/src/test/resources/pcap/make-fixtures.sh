#!/usr/bin/env bash
# Regenerates the pcap fixtures in this folder with real tcpdump captures of loopback traffic.
#
# Needs: root (captures, network namespaces, tun devices), tcpdump, socat, iproute2, iptables, ethtool.
#   apt-get install -y tcpdump socat iproute2 iptables ethtool
# Run:   sudo ./make-fixtures.sh [NAME...]   (writes NAME.pcap, or all *.pcap, next to this script;
#        NAME "pcapng" rewrites the .pcapng fixtures from the .pcap ones with editcap and mergecap)
#
# Every TCP fixture carries the same exchange so the tests can assert the same numbers:
#   client -> server : 1000 bytes ('a' x 1000), then FIN
#   server -> client : "welcome\n" (8 bytes) once it has read the 1000 bytes, then FIN
# The snap length is 128, so the 1000-byte segment is truncated in the file while its IP header
# still says 1052: the reader must take sizes from the IP header, not from the captured length.
#
# ISNs, ports and timestamps change on every run: after regenerating, refresh the constants in
# the tests (src/test/java/dev/socklab/pcap/Fixtures.java) from tshark, e.g.
#   tshark -r tcp-ethernet.pcap -o tcp.relative_sequence_numbers:FALSE \
#          -T fields -e frame.number -e tcp.srcport -e tcp.dstport -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
cap_pid=
cleanup() {
    [[ -n $cap_pid ]] && kill -INT "$cap_pid" 2>/dev/null || true
    ip netns del sl-a 2>/dev/null || true
    ip netns del sl-b 2>/dev/null || true
    ip netns del sl-c 2>/dev/null || true
    ip netns del sl-s 2>/dev/null || true
    jobs -p | xargs -r kill 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# want NAME: true when NAME should be (re)made: all fixtures, or only those named on the command line.
want() { [[ ${#selected[@]} -eq 0 || " ${selected[*]} " == *" $1 "* ]]; }
selected=("$@")

PORT=9898
SNAP=128

# start_capture OUT [tcpdump args...]: starts tcpdump in the background and waits until it listens,
# so the first SYN is never missed.
start_capture() {
    local out=$1; shift
    : > "$tmp/tcpdump.err"
    # in_ns: an optional "ip netns exec NS" prefix, for the raw-IP capture inside a namespace.
    ${in_ns:-} tcpdump -U -n --immediate-mode -s "$SNAP" -w "$here/$out" "$@" 2> "$tmp/tcpdump.err" &
    cap_pid=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$tmp/tcpdump.err" && return 0
        sleep 0.05
    done
    cat "$tmp/tcpdump.err" >&2
    return 1
}

stop_capture() {
    sleep 0.5  # let the last ACKs of the teardown through
    kill -INT "$cap_pid"
    wait "$cap_pid" || true
    cap_pid=
}

# server ADDRSPEC: accepts one connection, reads exactly 1000 bytes, answers "welcome\n", closes.
server() {
    ${in_server_ns:-} socat "$1" SYSTEM:'head -c 1000 >/dev/null; printf "welcome\\n"' &
    server_pid=$!
    sleep 0.3
}

# client ADDRSPEC: sends 1000 bytes, keeps the write side open a moment, then closes.
client() {
    { head -c 1000 /dev/zero | tr '\0' a; sleep 0.3; } | ${in_ns:-} socat - "$1" > /dev/null
}

tcp_exchange() {  # LISTEN-SPEC CONNECT-SPEC
    server "$1"
    client "$2"
    wait "$server_pid" || true
}

if want tcp-ethernet; then
echo "tcp-ethernet.pcap: Ethernet (lo), IPv4"
start_capture tcp-ethernet.pcap -i lo "tcp port $PORT"
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT"
stop_capture
fi

if want tcp-sll; then
echo "tcp-sll.pcap: Linux cooked v1 (any, LINUX_SLL), IPv4"
start_capture tcp-sll.pcap -i any -y LINUX_SLL "tcp port $PORT"
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT"
stop_capture
fi

if want tcp-sll2; then
echo "tcp-sll2.pcap: Linux cooked v2 (any), IPv4"
start_capture tcp-sll2.pcap -i any "tcp port $PORT"
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT"
stop_capture
fi

if want tcp-nano; then
echo "tcp-nano.pcap: Ethernet (lo), nanosecond timestamps"
start_capture tcp-nano.pcap -i lo --time-stamp-precision=nano "tcp port $PORT"
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT"
stop_capture
fi

if want tcp-ipv6; then
echo "tcp-ipv6.pcap: Ethernet (lo), IPv6 ::1"
start_capture tcp-ipv6.pcap -i lo "tcp port $PORT"
tcp_exchange "TCP6-LISTEN:$PORT,bind=[::1],reuseaddr" "TCP6:[::1]:$PORT"
stop_capture
fi

if want tcp-rst; then
echo "tcp-rst.pcap: Ethernet (lo): a refused connection, then a connection the server resets"
start_capture tcp-rst.pcap -i lo "tcp port $PORT or tcp port $((PORT + 1))"
# Nobody listens on PORT+1: SYN, then RST/ACK from the "server".
socat - "TCP4:127.0.0.1:$((PORT + 1))" < /dev/null 2>/dev/null || true
# The server sends "bye" and closes without ever reading (socat -u only writes to the socket):
# closing with unread data in the receive buffer makes its kernel send RST instead of FIN.
socat -u SYSTEM:'sleep 0.2; printf "bye\\n"' "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" &
server_pid=$!
sleep 0.3
{ printf 'early data\n'; sleep 0.6; } | socat - "TCP4:127.0.0.1:$PORT" > /dev/null 2>&1 || true
wait "$server_pid" || true
stop_capture
fi

if want tcp-reuse; then
echo "tcp-reuse.pcap: Ethernet (lo): two connections on the same 4-tuple, one after the other"
start_capture tcp-reuse.pcap -i lo "tcp port $PORT"
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT,bind=127.0.0.1:45678,reuseaddr"
sleep 0.2
tcp_exchange "TCP4-LISTEN:$PORT,bind=127.0.0.1,reuseaddr" "TCP4:127.0.0.1:$PORT,bind=127.0.0.1:45678,reuseaddr"
stop_capture
fi

if want udp; then
echo "udp.pcap: Ethernet (lo): 3 datagrams echoed, and 1 datagram to a closed port (ICMP unreachable)"
start_capture udp.pcap -i lo "udp or icmp"
socat UDP4-LISTEN:9900,bind=127.0.0.1 EXEC:cat &
server_pid=$!
sleep 0.3
{ printf 'ping 1\n'; sleep 0.1; printf 'ping 2\n'; sleep 0.1; printf 'ping 3\n'; sleep 0.3; } \
    | socat - UDP4:127.0.0.1:9900 > /dev/null
kill "$server_pid" 2>/dev/null || true
printf 'x' | socat - UDP4:127.0.0.1:9901 2>/dev/null || true
stop_capture
fi

if want tcp-raw; then
echo "tcp-raw.pcap: raw IP (tun device), IPv4 10.77.0.1 -> 10.77.0.2"
# Two namespaces joined by a veth pair; in each, a tun device whose packets socat relays to the
# other side over UDP. A capture on a tun device has no link-layer header: LINKTYPE_RAW.
ip netns add sl-a
ip netns add sl-b
ip link add sl-va type veth peer name sl-vb
ip link set sl-va netns sl-a
ip link set sl-vb netns sl-b
ip -n sl-a addr add 192.168.77.1/24 dev sl-va
ip -n sl-b addr add 192.168.77.2/24 dev sl-vb
for ns in sl-a sl-b; do ip -n $ns link set lo up; done
ip -n sl-a link set sl-va up
ip -n sl-b link set sl-vb up
ip netns exec sl-a socat TUN:10.77.0.1/24,tun-name=tun-a,iff-up,iff-no-pi \
    UDP-DATAGRAM:192.168.77.2:7777,bind=192.168.77.1:7777 &
ip netns exec sl-b socat TUN:10.77.0.2/24,tun-name=tun-b,iff-up,iff-no-pi \
    UDP-DATAGRAM:192.168.77.1:7777,bind=192.168.77.2:7777 &
sleep 0.5
in_ns="ip netns exec sl-a" start_capture tcp-raw.pcap -i tun-a "tcp port $PORT"
in_ns="ip netns exec sl-a" in_server_ns="ip netns exec sl-b" \
    tcp_exchange "TCP4-LISTEN:$PORT,bind=10.77.0.2,reuseaddr" "TCP4:10.77.0.2:$PORT"
stop_capture
fi

# two_hosts: namespaces sl-c (client, 10.78.0.1) and sl-s (server, 10.78.0.2) joined by a veth
# pair, so iptables can drop packets on one side only (this kernel has no netem).
two_hosts() {
    ip netns add sl-c
    ip netns add sl-s
    ip link add sl-vc type veth peer name sl-vs
    ip link set sl-vc netns sl-c
    ip link set sl-vs netns sl-s
    ip -n sl-c addr add 10.78.0.1/24 dev sl-vc
    ip -n sl-s addr add 10.78.0.2/24 dev sl-vs
    for ns in sl-c sl-s; do ip -n $ns link set lo up; done
    ip -n sl-c link set sl-vc up
    ip -n sl-s link set sl-vs up
    # No segmentation offload: the capture then shows the segments as sent, each at most one MTU.
    ip netns exec sl-c ethtool -K sl-vc tso off gso off gro off
    ip netns exec sl-s ethtool -K sl-vs tso off gso off gro off
}

if want tcp-lossy; then
echo "tcp-lossy.pcap: Ethernet (veth, server side), 512 KiB client->server, 3% of packets lost on arrival each way"
two_hosts
# Dropped on INPUT, after the capture point: a packet dropped on OUTPUT never reaches the wire, and
# the sender's TCP just tries again at once (the drop is an error it sees), so nothing would show.
# The server-side capture holds each lost data segment and then its retransmission; lost ACKs make
# the client resend data already received (spurious retransmissions).
ip netns exec sl-s iptables -A INPUT -p tcp --dport $PORT -m statistic --mode random --probability 0.03 -j DROP
ip netns exec sl-c iptables -A INPUT -p tcp --sport $PORT -m statistic --mode random --probability 0.03 -j DROP
in_ns="ip netns exec sl-s" start_capture tcp-lossy.pcap -i sl-vs "tcp port $PORT"
ip netns exec sl-s socat -u TCP4-LISTEN:$PORT,bind=10.78.0.2,reuseaddr OPEN:/dev/null &
server_pid=$!
sleep 0.3
head -c 524288 /dev/urandom | ip netns exec sl-c socat -u - TCP4:10.78.0.2:$PORT
wait "$server_pid" || true
sleep 1
echo "  dropped by iptables: server $(ip netns exec sl-s iptables -L INPUT -v -n -x | awk '/DROP/ {print $1}')," \
     "client $(ip netns exec sl-c iptables -L INPUT -v -n -x | awk '/DROP/ {print $1}') packets"
stop_capture
ip netns del sl-c; ip netns del sl-s
fi

if want tcp-zerowin; then
echo "tcp-zerowin.pcap: Ethernet (veth, server side), a receiver that stops reading: zero windows and probes"
two_hosts
in_ns="ip netns exec sl-s" start_capture tcp-zerowin.pcap -i sl-vs "tcp port $PORT"
# The server's socket buffer is small and it reads nothing for 1.5 s: the window closes.
ip netns exec sl-s socat -u TCP4-LISTEN:$PORT,bind=10.78.0.2,reuseaddr,rcvbuf=4096 SYSTEM:'sleep 1.5; cat > /dev/null' &
server_pid=$!
sleep 0.3
head -c 262144 /dev/zero | ip netns exec sl-c socat -u - TCP4:10.78.0.2:$PORT,sndbuf=4096
wait "$server_pid" || true
sleep 0.5
stop_capture
ip netns del sl-c; ip netns del sl-s
fi

# pcapng, as Wireshark saves it: the same captures rewritten by Wireshark's own tools, so the
# pcapng reader is checked against real Wireshark output (needs: apt-get install -y tshark).
if want pcapng; then
echo "tcp-ethernet.pcapng, tcp-nano.pcapng: editcap -F pcapng (nanosecond resolution kept: if_tsresol 9)"
editcap -F pcapng "$here/tcp-ethernet.pcap" "$here/tcp-ethernet.pcapng"
editcap -F pcapng "$here/tcp-nano.pcap" "$here/tcp-nano.pcapng"
echo "tcp-merged.pcapng: mergecap of tcp-ethernet.pcap and tcp-sll2.pcap: two interfaces, two link types"
mergecap -F pcapng -w "$here/tcp-merged.pcapng" "$here/tcp-ethernet.pcap" "$here/tcp-sll2.pcap"
fi

ls -l "$here"/*.pcap "$here"/*.pcapng
