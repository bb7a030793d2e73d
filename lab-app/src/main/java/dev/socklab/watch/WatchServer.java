package dev.socklab.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live page's server: the JDK's own HTTP server (com.sun.net.httpserver), the page at {@code /} and its events
 * at {@code /events} as server-sent events, one JSON object each. Every page first gets the history (every event
 * since the watch began), then each new one as it happens. The first page to connect starts the capture behind it
 * ({@code watching}), the last to leave stops it ({@code unwatched}): nothing captures while nobody watches. A page
 * that goes away is noticed at the next write (a comment line every {@link #HEARTBEAT_SECONDS} s).
 */
public final class WatchServer implements AutoCloseable {
    static final int HEARTBEAT_SECONDS = 2;
    /** Events kept for pages that connect later; beyond it the oldest go (the page says so). */
    static final int HISTORY = 200_000;

    private final HttpServer http;
    private final List<String> history = new ArrayList<>();
    private final List<LinkedBlockingQueue<String>> pages = new ArrayList<>();
    private final Runnable watching;
    private final Runnable unwatched;
    private long forgotten;

    /** Binds at once: a port in use fails here, with java.net.BindException. */
    public WatchServer(InetSocketAddress address, Runnable watching, Runnable unwatched) throws IOException {
        this.watching = watching;
        this.unwatched = unwatched;
        http = HttpServer.create(address, 16);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", this::page);
        http.createContext("/events", this::events);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Keeps an event and sends it to every page. */
    public synchronized void publish(String json) {
        history.add(json);
        if (history.size() > HISTORY) {
            history.removeFirst();
            forgotten++;
        }
        for (LinkedBlockingQueue<String> q : pages) q.add(json);
    }

    public synchronized int pages() {
        return pages.size();
    }

    private void page(HttpExchange x) throws IOException {
        try (x) {
            if (!x.getRequestURI().getPath().equals("/")) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            byte[] html;
            try (InputStream in = WatchServer.class.getResourceAsStream("watch.html")) {
                html = in.readAllBytes();
            }
            x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, html.length);
            x.getResponseBody().write(html);
        }
    }

    private void events(HttpExchange x) throws IOException {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        List<String> past;
        boolean first;
        synchronized (this) {
            past = new ArrayList<>(history);
            if (forgotten > 0) past.addFirst("{\"type\":\"note\",\"text\":\"the oldest " + forgotten + " events are no longer kept\"}");
            pages.add(queue);
            first = pages.size() == 1;
        }
        if (first) watching.run();
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        try (x; OutputStream out = x.getResponseBody()) {
            x.sendResponseHeaders(200, 0);
            for (String e : past) send(out, e);
            out.flush();
            while (true) {
                String e = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                if (e == null) {
                    out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(out, e);
                    for (String more = queue.poll(); more != null; more = queue.poll()) send(out, more);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the page closed or reloaded: nothing to do but forget it
        } finally {
            boolean last;
            synchronized (this) {
                pages.remove(queue);
                last = pages.isEmpty();
            }
            if (last) unwatched.run();
        }
    }

    private static void send(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
