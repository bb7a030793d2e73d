package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.LiveCapture;
import dev.socklab.lab.Recording;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.LinkType;
import dev.socklab.pcap.LiveMerge;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.WireRing;
import dev.socklab.watch.WatchServer;
import dev.socklab.watch.WireView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab watch}: the running lab's connections and flows drawn live in a browser page. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Serves a live page of the running lab: each connection and UDP flow as it starts, its ladder growing row by row, each packet at every capture point with what changed there.",
                "History since the lab started included (the lab's recording); it captures live only while a page is open. Ctrl-C stops it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"130:stopped with Ctrl-C (the capture behind the page stops with it)", "1:no lab is running, or the port is taken",
                "2:bad command line"})
final class WatchCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 9800;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT, converter = PortConverter.class,
            description = "the page's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "the address to listen on: 0.0.0.0 lets another machine's browser in, e.g. a Windows host looking"
                    + " into a VM (default: ${DEFAULT-VALUE}, this machine only)")
    String listen;

    private Lab lab;
    private List<LiveCapture.Point> points;
    private WireView view;
    private WatchServer server;
    private LiveCapture live;
    private Thread merging;
    /** Frames up to here are in the view already: history from the lab's recording fills in only what came after. */
    private Instant seenUpTo = Instant.MIN;

    @Override
    public Integer call() throws Exception {
        InetAddress address;
        try {
            address = InetAddress.getByName(listen);
        } catch (UnknownHostException e) {
            throw new LabException("--listen: not an address of this machine: " + listen, 2);
        }
        lab = Lab.fromEnvironment();
        points = LiveCapture.points(lab);
        try {
            server = new WatchServer(new InetSocketAddress(address, port), this::watching, this::unwatched);
        } catch (BindException e) {
            throw new LabException("port " + port + " on " + listen + " is taken (is ./lab watch running already?): try ./lab watch --port "
                    + (port == 65535 ? port - 1 : port + 1));
        }
        view = new WireView(server::publish);
        server.publish("{\"type\":\"points\",\"points\":[" + String.join(",", points.stream().map(p -> "\"" + p.name() + "\"").toList()) + "]}");
        seenUpTo = LiveCapture.labStarted(lab);
        PrintWriter out = spec.commandLine().getOut();
        String host = address.isAnyLocalAddress() ? "<this machine's address>" : address.getHostAddress();
        out.println("Watching project " + lab.project() + " at http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.port() + "/  (capture points: " + String.join(", ", points.stream().map(LiveCapture.Point::name).toList())
                + "; Ctrl-C stops)");
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    /** The first page opened: what the lab's recording holds since, then the wire live. */
    private synchronized void watching() {
        history();
        live = LiveCapture.start(lab, points);
        LiveCapture started = live;
        merging = Thread.ofPlatform().daemon(true).name("watch-live").start(() -> {
            try {
                LiveMerge.run(started.inputs(), sink(), Clock.systemUTC(), p -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The last page closed: nothing captures until one opens again. */
    private synchronized void unwatched() {
        if (live != null) live.close();
        live = null;
        seenUpTo = Instant.now();
    }

    private LiveMerge.Sink sink() {
        String[] names = points.stream().map(LiveCapture.Point::name).toArray(String[]::new);
        return new LiveMerge.Sink() {
            @Override
            public void point(int input, String name, LinkType linkType) {
            }

            @Override
            public void frame(int input, Frame f) {
                accept(names[input], f);
            }

            @Override
            public void idle(Instant now) {
            }

            @Override
            public void flush() {
            }
        };
    }

    private synchronized void accept(String point, Frame f) {
        PacketDecoder.decode(f).ifPresent(p -> view.accept(point, p));
    }

    /**
     * What the lab's recording holds after what the view has (everything since the lab started, as far back as its
     * bounds keep it: a connection made while no page was open by anything at all), then what it keeps and drops.
     */
    private void history() {
        Path wire = Recording.of(lab);
        if (wire == null) {
            view.note("this lab records no wire (it was not started by this ./lab up): the page shows what happens from now on");
            return;
        }
        try {
            java.util.Map<String, WireRing.Read> reads = WireRing.replay(wire, seenUpTo, f -> accept(f.interfaceName(), f));
            String bounds = reads.values().stream().flatMap(r -> r.bounds().stream()).findFirst().orElse("?");
            view.note("recorded since the lab started (" + wire.getFileName() + "/ in its first run's folder): " + bounds
                    + "; older frames rotated out of it are gone");
            StringBuilder drops = new StringBuilder();
            reads.forEach((point, r) -> r.statistics().stream().filter(x -> x.dropped() != null).reduce((a, b) -> b)
                    .ifPresent(x -> drops.append(drops.isEmpty() ? "" : ", ").append(point).append(' ').append(x.dropped())));
            if (!drops.isEmpty()) {
                view.note("capture drops (lost by the capture itself, not by the network): " + drops);
            }
        } catch (IOException e) {
            view.note("could not read the lab's recording in " + wire + ": " + e.getMessage());
        }
    }
}
