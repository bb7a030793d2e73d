package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.LiveCapture;
import dev.socklab.lab.RunFolder;
import dev.socklab.pcap.CaptureReader;
import dev.socklab.pcap.Frame;
import dev.socklab.pcap.LinkType;
import dev.socklab.pcap.LiveMerge;
import dev.socklab.pcap.PacketDecoder;
import dev.socklab.pcap.PacketSource;
import dev.socklab.watch.WatchServer;
import dev.socklab.watch.WireView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab watch}: the running lab's connections and flows drawn live in a browser page. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Serves a live page of the running lab: each connection and UDP flow as it starts, its ladder growing row by row, each packet at every capture point with what changed there.",
                "History since the lab started included; it captures only while a page is open. Ctrl-C stops it."},
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
    /** Frames up to here are in the view already: history from the run folders fills in only what came after. */
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

    /** The first page opened: the runs made meanwhile from their folders, then the wire live. */
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

    /** The frames of this lab's runs (their merged captures) that the view has not had yet, in time order. */
    private void history() {
        for (Path merged : LiveCapture.runCaptures(lab)) {
            try (PacketSource s = CaptureReader.open(merged)) {
                for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                    if (f.get().time().isAfter(seenUpTo)) accept(f.get().interfaceName(), f.get());
                }
            } catch (IOException e) {
                server.publish("{\"type\":\"note\",\"text\":\"could not read " + merged.getFileName() + "\"}");
            }
        }
    }
}
