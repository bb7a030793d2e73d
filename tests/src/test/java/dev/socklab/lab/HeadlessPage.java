package dev.socklab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * A page open in headless Chromium, read as a person would see it while it changes: Chromium's DevTools protocol
 * (its remote debugging port, over the JDK's WebSocket client) evaluates JavaScript in the open page, with no
 * reload. Chromium comes from Debian's package, installed by ./lab test.
 */
final class HeadlessPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

    private HeadlessPage(Process chromium, Path profile, WebSocket socket) {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = socket;
    }

    static HeadlessPage open(String url) throws Exception {
        Path profile = Files.createTempDirectory("chromium");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", url).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String port = null;
            for (String line = err.readLine(); line != null && port == null; line = err.readLine()) {
                Matcher m = DEVTOOLS.matcher(line);
                if (m.find()) port = m.group(2);
            }
            if (port == null) throw new IllegalStateException("chromium did not open its DevTools port");
            Thread.ofVirtual().start(() -> drain(err));
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            for (int i = 0; i < 50 && pageSocket == null; i++) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page") && t.path("url").asText().startsWith(url)) {
                        pageSocket = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) Thread.sleep(100);
            }
            if (pageSocket == null) throw new IllegalStateException("chromium shows no page for " + url);
            HeadlessPage[] self = new HeadlessPage[1];
            StringBuilder partial = new StringBuilder();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            JsonNode m = JSON.readTree(partial.toString());
                            CompletableFuture<JsonNode> reply = self[0] == null ? null : self[0].replies.remove(m.path("id").asInt(-1));
                            if (reply != null) reply.complete(m);
                        } catch (IOException e) {
                            // not a reply of ours
                        }
                        partial.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessPage(p, profile, ws);
            self[0].awaitLoaded();
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            FileUtils.deleteQuietly(profile.toFile());
            throw e;
        }
    }

    /**
     * Waits for the page's document to be loaded: Chromium lists the page and answers on its socket while the
     * document is still being fetched, and until then it has no body to read.
     */
    private void awaitLoaded() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!evaluate("document.readyState").equals("complete")) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the page did not load in 30 s");
            Thread.sleep(50);
        }
    }

    /** The text the first element matching a CSS selector shows, or "" while there is none. */
    String text(String selector) throws Exception {
        return evaluate("(e => e ? e.innerText : '')(document.querySelector(" + JSON.writeValueAsString(selector) + "))");
    }

    /** The value of a JavaScript expression in the open page, as text (JSON.stringify what is not). */
    String evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate",
                "params", Map.of("expression", expression, "returnByValue", true))), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(30, TimeUnit.SECONDS);
        if (r.has("error") || r.path("result").has("exceptionDetails")) throw new IllegalStateException(expression + ": " + r);
        return r.path("result").path("result").path("value").asText();
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // chromium's own log: dbus and GPU complaints of a headless machine
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> children = chromium.descendants().toList();
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) chromium.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        FileUtils.deleteQuietly(profile.toFile());
    }
}
