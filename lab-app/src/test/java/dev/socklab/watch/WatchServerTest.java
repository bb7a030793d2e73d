package dev.socklab.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page's server: history then live events, capture only while a page is open, a taken port fails at once. */
@Timeout(30)
class WatchServerTest {

    @Test
    void aPageGetsTheHistoryThenEachEventAndItsLeavingStopsTheCapture() throws Exception {
        CountDownLatch watching = new CountDownLatch(1);
        CountDownLatch unwatched = new CountDownLatch(1);
        try (WatchServer server = new WatchServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                watching::countDown, unwatched::countDown)) {
            server.publish("{\"type\":\"note\",\"text\":\"before\"}");
            HttpClient http = HttpClient.newHttpClient();
            String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("new EventSource(\"/events\")"));
            assertEquals(1, watching.getCount(), "a page alone does not start the capture: its events do");
            HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/events"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElse(""));
            BufferedReader in = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
            assertEquals("data: {\"type\":\"note\",\"text\":\"before\"}", in.readLine());
            assertTrue(watching.await(5, TimeUnit.SECONDS));
            assertEquals(1, server.pages());
            server.publish("{\"type\":\"note\",\"text\":\"after\"}");
            assertEquals("", in.readLine());
            assertEquals("data: {\"type\":\"note\",\"text\":\"after\"}", in.readLine());
            in.close();
            assertTrue(unwatched.await(10, TimeUnit.SECONDS), "the capture stops once the last page is gone");
            assertEquals(0, server.pages());
        }
    }

    @Test
    void aTakenPortFailsAtOnce() throws Exception {
        try (WatchServer first = new WatchServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> { }, () -> { })) {
            assertThrows(BindException.class, () -> new WatchServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.port()),
                    () -> { }, () -> { }));
        }
    }
}
