package dev.socklab.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Merges live captures (classic pcap streams, e.g. tcpdump -w - of each capture point) into one stream (pcapng,
 * or a live page: a {@link Sink}) as they grow: an interface per point once its stream's header arrives, frames in time order. A frame waits a short
 * hold-back before it is written, so a packet seen a moment later at another point, with an earlier timestamp,
 * still goes first. Each stream is read by a thread of its own, blocked in read while nothing crosses the wire:
 * nothing polls. While nothing is written, an interface statistics block now and then finds out whether the
 * reader is still there (a pipe says so only when written to).
 */
public final class LiveMerge {
    /** How long a frame waits for earlier frames from the other points. */
    static final Duration HOLD_BACK = Duration.ofMillis(100);
    /** How often an idle stream asks whether its reader is still there. */
    static final Duration IDLE_PROBE = Duration.ofSeconds(1);

    private LiveMerge() {
    }

    /** Where merged frames go: a pcapng stream ({@link #pcapng}), or a live page. */
    public interface Sink {
        /** A point's stream has started; {@code input} numbers it in the order the inputs were given. */
        void point(int input, String name, LinkType linkType) throws IOException;

        /** A frame of that point, in time order across the points. */
        void frame(int input, Frame frame) throws IOException;

        /** Nothing to write for a while: a chance to find out whether the reader is still there. */
        void idle(Instant now) throws IOException;

        void flush() throws IOException;
    }

    /** The merged stream as pcapng: an interface per point, a statistics block as the idle probe. */
    public static Sink pcapng(PcapngWriter out) {
        return new Sink() {
            private final java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();

            @Override
            public void point(int input, String name, LinkType linkType) throws IOException {
                ids.put(input, out.addInterface(name, linkType));
            }

            @Override
            public void frame(int input, Frame f) throws IOException {
                out.packet(ids.get(input), f.time(), f.originalLength(), f.data());
            }

            @Override
            public void idle(Instant now) throws IOException {
                if (!ids.isEmpty()) out.statistics(ids.values().iterator().next(), now, null, null, "socklab: still capturing");
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** One live capture point: its name (the interface's if_name) and its pcap stream. */
    public record Input(String point, InputStream pcap) {
    }

    /** Why the merge ended. */
    public enum End {
        /** Writing failed: the reader went away (a closed pipe). */
        READER_GONE,
        /** Every input ended: the captures stopped (the lab went down). */
        INPUTS_ENDED
    }

    private sealed interface Event permits Opened, Captured, Closed {
    }

    private record Opened(int input, LinkType linkType) implements Event {
    }

    private record Captured(int input, Frame frame) implements Event {
    }

    private record Closed(int input, String why) implements Event {
    }

    /**
     * Copies the inputs' frames to {@code out} until the reader goes away or every input has ended. Input
     * problems (a stream that is not pcap, cut short) end that input only and are reported to {@code problems}.
     */
    public static End run(List<Input> inputs, Sink out, Clock clock, java.util.function.Consumer<String> problems)
            throws InterruptedException {
        LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            Input in = inputs.get(i);
            readers.add(Thread.ofVirtual().name("live-" + in.point()).start(() -> read(index, in, events)));
        }
        int open = inputs.size();
        record Pending(int input, Frame frame, long order) {
        }
        PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.<Pending, Instant>comparing(p -> p.frame().time())
                .thenComparingLong(Pending::order));
        long order = 0;
        Instant lastWrite = clock.instant();
        try {
            while (open > 0 || !pending.isEmpty()) {
                Event e = open > 0 ? events.poll(HOLD_BACK.toMillis() / 2, TimeUnit.MILLISECONDS) : null;
                while (e != null) {
                    switch (e) {
                        case Opened o -> out.point(o.input(), inputs.get(o.input()).point(), o.linkType());
                        case Captured c -> pending.add(new Pending(c.input(), c.frame(), order++));
                        case Closed c -> {
                            open--;
                            if (c.why() != null) problems.accept(c.why());
                        }
                    }
                    e = events.poll();
                }
                Instant now = clock.instant();
                Instant due = open > 0 ? now.minus(HOLD_BACK) : Instant.MAX;
                boolean wrote = false;
                while (!pending.isEmpty() && !pending.peek().frame().time().isAfter(due)) {
                    Pending p = pending.poll();
                    Frame f = p.frame();
                    out.frame(p.input(), f);
                    wrote = true;
                }
                if (!wrote && Duration.between(lastWrite, now).compareTo(IDLE_PROBE) >= 0) {
                    out.idle(now);
                    wrote = true;
                }
                if (wrote) {
                    out.flush();
                    lastWrite = now;
                }
            }
            return End.INPUTS_ENDED;
        } catch (IOException writeFailed) {
            return End.READER_GONE;
        } finally {
            for (Thread t : readers) t.interrupt();
        }
    }

    private static void read(int index, Input in, LinkedBlockingQueue<Event> events) {
        String why = null;
        try (PacketSource s = CaptureReader.open(in.pcap(), in.point())) {
            if (!(s instanceof ClassicPcapReader c)) throw new CaptureFormatException(in.point() + ": not a live pcap stream", 0, 0);
            events.add(new Opened(index, c.linkType()));
            for (var f = s.next(); f.isPresent(); f = s.next()) events.add(new Captured(index, f.get()));
        } catch (TruncatedCaptureException e) {
            // the capture was stopped mid-packet: its complete packets are in
        } catch (IOException e) {
            why = e.getMessage() == null ? in.point() + ": " + e : e.getMessage();
        }
        events.add(new Closed(index, why));
    }
}
