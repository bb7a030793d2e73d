package dev.socklab.check;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * What {@code ./lab check} recorded about one run in its {@code run.properties}: the protocol and
 * port, the programs and how they ended, what the harness saw of the server's sockets, and where
 * the capture and the files are.
 *
 * @param name            {@code user} or {@code reference}
 * @param serverListening the server listened on the port before the clients started ({@code ss})
 * @param serverClosed    TCP: no connection of the server was left open at the end; empty for UDP
 * @param listeningAfter  the server was still listening after the clients were done
 */
public record RunRecord(String name, Path dir, String protocol, int port, int timeoutSeconds, Path pcap, Path sent,
                        Path received, String serverIp, List<Program> programs, boolean serverListening,
                        Optional<Boolean> serverClosed, boolean listeningAfter, OptionalInt droppedPackets,
                        Properties properties) {

    public static final String FILE = "run.properties";

    /** Reads {@code dir/run.properties}; a missing or unreadable record is a one-line error. */
    public static RunRecord read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + FILE + " in " + dir + " (is it a folder ./lab check made?)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<Program> programs = new ArrayList<>();
        for (String role : List.of("server", "client", "client2")) {
            String command = p.getProperty(role + ".command");
            if (command == null) continue;
            String log = p.getProperty(role + ".log", role + ".log");
            String output = Files.isRegularFile(dir.resolve(log)) ? Files.readString(dir.resolve(log), StandardCharsets.UTF_8) : "";
            programs.add(new Program(role, "user".equals(p.getProperty(role + ".by")), command,
                    integer(p.getProperty(role + ".exit")), yes(p, role + ".hung"), output));
        }
        String closed = p.getProperty("server.closed");
        String dropped = p.getProperty("capture.dropped", "");
        return new RunRecord(dir.getFileName().toString(), dir, required(p, "protocol", file),
                Integer.parseInt(required(p, "port", file)), Integer.parseInt(p.getProperty("timeout", "20")),
                dir.resolve(required(p, "pcap", file)), dir.resolve(p.getProperty("sent", "client/sample.txt")),
                dir.resolve(p.getProperty("received", "server/recv.txt")), p.getProperty("server.ip", ""),
                List.copyOf(programs), yes(p, "server.listening"),
                closed == null || closed.isBlank() ? Optional.empty() : Optional.of("yes".equals(closed)),
                yes(p, "server.listening-after"),
                dropped.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(dropped.strip())), p);
    }

    public boolean isUdp() {
        return "udp".equals(protocol);
    }

    public Optional<Program> program(String role) {
        return programs.stream().filter(pr -> pr.role().equals(role)).findFirst();
    }

    public Program server() {
        return program("server").orElseThrow(() -> new IllegalStateException("run " + name + " has no server"));
    }

    public List<Program> clients() {
        return programs.stream().filter(pr -> !pr.role().equals("server")).toList();
    }

    /** The address a client host had (client.ip, client2.ip). */
    public String addressOf(String role) {
        return properties.getProperty(role + ".ip", "");
    }

    /** UDP: the port a client is expected to send from (11000 for c1, 13000 for c2). */
    public OptionalInt expectedPort(String role) {
        String v = properties.getProperty(role + ".expected-port");
        return v == null || v.isBlank() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.strip()));
    }

    /** "your server (python3 server.py) with socklab's client". */
    public String describe() {
        return String.join(" with ", programs.stream().map(Program::describe).toList());
    }

    private static Optional<Integer> integer(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(v.strip()));
    }

    private static boolean yes(Properties p, String key) {
        return "yes".equals(p.getProperty(key));
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(file + " has no " + key);
        return v.strip();
    }
}
