package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine's API on its unix socket: HTTP/1.1, one connection a question. The docker CLI asked the same
 * questions at a process each, about 50 ms of a core before the engine heard them; a check asks about a hundred.
 */
final class EngineSocket {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Closes a connection whose deadline passed: its blocked read ends, and the question counts as timed out. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("engine-deadline").factory());

    private EngineSocket() {
    }

    /** An answer: the HTTP status (-1 when the deadline passed first) and the body, de-chunked. */
    record Answer(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new LabFailure("the Docker engine answered something other than JSON (HTTP " + status + ")");
            }
        }

        /** The engine's own words for a refusal ({"message": ...}), as the CLI prints them. */
        String message() {
            if (status == -1) return "no answer from the Docker engine in time";
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (text.startsWith("{")) text = json().path("message").asText(text);
            return "Error response from daemon: " + text;
        }
    }

    /** The socket: DOCKER_HOST when it names one (unix://PATH), else the engine's default. */
    static Path socket() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) return Path.of("/var/run/docker.sock");
        if (host.startsWith("unix://")) return Path.of(host.substring("unix://".length()));
        throw new LabFailure("DOCKER_HOST=" + host + ": socklab drives a local engine over its socket (unix://...); unset it");
    }

    static Answer get(String path, Duration timeout) {
        return call("GET", path, null, timeout);
    }

    static Answer post(String path, Object body, Duration timeout) {
        return call("POST", path, body, timeout);
    }

    static Answer delete(String path, Duration timeout) {
        return call("DELETE", path, null, timeout);
    }

    /** {@code ?filters=} for these labels (key=value), URL-encoded. */
    static String labelFilter(String... labels) {
        if (labels.length == 0) return "";
        return "filters=" + URLEncoder.encode(JSON.createObjectNode().set("label", JSON.valueToTree(Arrays.asList(labels))).toString(),
                StandardCharsets.UTF_8);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One question; a body is sent as JSON. The connection closes with the answer, so reading to its end reads it all. */
    static Answer call(String method, String path, Object body, Duration timeout) {
        byte[] payload = body == null ? new byte[0] : toJson(body);
        String head = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: socklab\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n") + "\r\n";
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new LabFailure("cannot open a unix socket: " + e.getMessage());
        }
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> quietClose(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ch) {
            Path socket = socket();
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new LabFailure("cannot reach the Docker engine at " + socket + " (" + e.getMessage() + "): is it running? ./lab starts it");
            }
            ByteBuffer out = ByteBuffer.allocate(head.length() + payload.length);
            out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(payload).flip();
            while (out.hasRemaining()) ch.write(out);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (ch.read(in) >= 0) {
                all.write(in.array(), 0, in.position());
                in.clear();
            }
            return parse(all.toByteArray());
        } catch (IOException e) {
            if (!ch.isOpen() && deadline.isDone()) return new Answer(-1, new byte[0]);
            throw new LabFailure("the Docker engine's connection failed: " + e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void quietClose(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing to end a wait: nothing more to do
        }
    }

    /** A whole HTTP/1.1 response: the status, and the body after the headers (chunked or not). */
    static Answer parse(byte[] response) {
        int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) throw new LabFailure("the Docker engine's answer ended early");
        String[] head = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = head[0].split(" ");
        if (status.length < 2 || !status[0].startsWith("HTTP/")) throw new LabFailure("the Docker engine answered: " + head[0]);
        boolean chunked = false;
        for (String h : head) {
            String l = h.toLowerCase(Locale.ROOT);
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) chunked = true;
        }
        byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
        return new Answer(Integer.parseInt(status[1]), chunked ? dechunk(body) : body);
    }

    /** Chunk sizes in hex, each on its own line, then the chunk; a size of 0 ends it. */
    static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int at = 0;
        while (at < body.length) {
            int eol = indexOf(body, new byte[] {'\r', '\n'}, at);
            if (eol < 0) break;
            String size = new String(body, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int n = Integer.parseInt(size, 16);
            if (n == 0) break;
            int from = eol + 2;
            out.write(body, from, Math.min(n, body.length - from));
            at = from + n + 2;
        }
        return out.toByteArray();
    }

    /**
     * A non-TTY stream (an exec's, a container's log) as the engine frames it: a byte for the stream (1 stdout,
     * 2 stderr), three zeros, the length (4 bytes, big-endian), the bytes. Returns [stdout, stderr].
     */
    static String[] demultiplex(byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int at = 0;
        while (at + 8 <= stream.length) {
            int kind = stream[at];
            if (kind < 0 || kind > 2 || stream[at + 1] != 0 || stream[at + 2] != 0 || stream[at + 3] != 0) {
                // not framed (a TTY's stream): all of it is output
                return new String[] {new String(stream, StandardCharsets.UTF_8), ""};
            }
            int n = ByteBuffer.wrap(stream, at + 4, 4).getInt();
            int from = at + 8;
            int len = Math.max(0, Math.min(n, stream.length - from));
            (kind == 2 ? err : out).write(stream, from, len);
            at = from + len;
        }
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static int indexOf(byte[] a, byte[] what, int from) {
        outer:
        for (int i = from; i <= a.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) if (a[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }
}
