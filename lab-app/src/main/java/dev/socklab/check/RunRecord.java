package dev.socklab.check;

import java.io.IOException;
import dev.socklab.report.ReportFiles;
import java.io.Reader;
import java.io.StringWriter;
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
                    integer(p.getProperty(role + ".exit")), yes(p, role + ".hung"), output, sandbox(p, role)));
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

    /** "your server (python3 server.py) with socklab's client"; TCP's second client only tries the server again. */
    public String describe() {
        return String.join(" with ", programs.stream().filter(p -> isUdp() || !p.role().equals("client2"))
                .map(Program::describe).toList());
    }

    /** TCP: how socklab's program in the run chose its form (forced, or found by a first run), or empty. */
    public String formNote() {
        return properties.getProperty("form.note", "").strip();
    }

    /** Sets the form note (see {@link #formNote()}) of the run recorded in {@code dir}, after the run. */
    public static void formNote(Path dir, String note) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        p.setProperty("form.note", note);
        store(p, dir);
    }

    private static void store(Properties p, Path dir) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, "socklab check: one run");
        ReportFiles.replace(dir.resolve(FILE), text.toString());
    }

    /**
     * What {@code ./lab check} writes while a run goes on, under the names {@link #read} reads: the one place
     * that knows them. Values are set as they become known; {@link #write} stores the file whole.
     */
    public static final class Writer {
        private final Properties p = new Properties();

        public Writer(String protocol, int port, int timeoutSeconds, String received, String sent, String serverIp) {
            p.setProperty("protocol", protocol);
            p.setProperty("port", String.valueOf(port));
            p.setProperty("timeout", String.valueOf(timeoutSeconds));
            p.setProperty("received", received);
            p.setProperty("sent", sent);
            p.setProperty("server.ip", serverIp);
        }

        /** A program of the run: its host's address, who wrote it, its command and where its output went. */
        public Writer program(String role, String address, boolean user, String command) {
            p.setProperty(role + ".ip", address);
            p.setProperty(role + ".by", user ? "user" : "socklab");
            p.setProperty(role + ".command", command);
            p.setProperty(role + ".log", role + ".log");
            return this;
        }

        /** UDP: the port the client is to send from. */
        public Writer expectedPort(String role, int port) {
            p.setProperty(role + ".expected-port", String.valueOf(port));
            return this;
        }

        /** TCP: how socklab's program in the run chose its form (see {@link #formNote()}). */
        public Writer formNote(String note) {
            p.setProperty("form.note", note);
            return this;
        }

        public Writer serverListening(boolean yes) {
            return flag("server.listening", yes);
        }

        /** How a program ended: its exit code, or empty while it still ran (hung: stopped at the timeout). */
        public Writer ended(String role, OptionalInt exit, boolean hung) {
            p.setProperty(role + ".exit", exit.isPresent() ? String.valueOf(exit.getAsInt()) : "");
            if (!role.equals("server")) flag(role + ".hung", hung);
            return this;
        }

        /** TCP: no connection of the server's left open at the end. */
        public Writer serverClosed(boolean yes) {
            return flag("server.closed", yes);
        }

        public Writer listeningAfter(boolean yes) {
            return flag("server.listening-after", yes);
        }

        public Writer droppedPackets(OptionalInt n) {
            p.setProperty("capture.dropped", n.isPresent() ? String.valueOf(n.getAsInt()) : "");
            return this;
        }

        public Writer pcap(String fileName) {
            p.setProperty("pcap", fileName);
            return this;
        }

        /** What the sandbox saw of a program: see {@link Sandbox}. */
        public Writer sandbox(String role, Sandbox s) {
            p.setProperty(role + ".oom-kills", String.valueOf(s.oomKills()));
            p.setProperty(role + ".processes", String.valueOf(s.processes()));
            p.setProperty(role + ".pids-limit", String.valueOf(s.pidsLimit()));
            p.setProperty(role + ".memory-limit", String.valueOf(s.memoryLimit()));
            p.setProperty(role + ".output-bytes", String.valueOf(s.outputBytes()));
            p.setProperty(role + ".output-limit", String.valueOf(s.outputLimit()));
            p.setProperty(role + ".disk-used", String.valueOf(s.diskUsed()));
            p.setProperty(role + ".disk-limit", String.valueOf(s.diskLimit()));
            p.setProperty(role + ".blocked", String.valueOf(s.blockedPackets()));
            return this;
        }

        private Writer flag(String key, boolean yes) {
            p.setProperty(key, yes ? "yes" : "no");
            return this;
        }

        /** Writes {@code dir/run.properties}, complete or not at all. */
        public void write(Path dir) throws IOException {
            store(p, dir);
        }
    }

    private static Sandbox sandbox(Properties p, String role) {
        if (p.getProperty(role + ".pids-limit") == null) return Sandbox.NONE;
        // A folder from before the count: "oom-killed" said yes or no.
        long oomKills = p.getProperty(role + ".oom-kills") != null ? number(p, role + ".oom-kills") : yes(p, role + ".oom-killed") ? 1 : 0;
        return new Sandbox(oomKills, number(p, role + ".processes"), number(p, role + ".pids-limit"),
                number(p, role + ".memory-limit"), number(p, role + ".output-bytes"), number(p, role + ".output-limit"),
                number(p, role + ".disk-used"), number(p, role + ".disk-limit"), number(p, role + ".blocked"));
    }

    private static long number(Properties p, String key) {
        String v = p.getProperty(key, "");
        return v.isBlank() ? 0 : Long.parseLong(v.strip());
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
