package dev.socklab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.socklab.report.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns the raw numbers a bench run left in DIR/parts (our programs' JSON, iperf3's -J output, the shell's timings)
 * into DIR/bench.json and a table of figures, ratios and targets. Only the benches that ran are reported.
 */
public final class BenchReport {
    /** The targets, in one place. */
    static final double TARGET_VS_IPERF_FILE = 1.5;
    static final double TARGET_VS_IPERF_MEMORY = 0.5;
    static final double TARGET_VS_CLASSROOM = 5.0;
    static final double TARGET_RSS_MIB = 256;
    static final double TARGET_WARM_SECONDS = 3.0;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Our bench programs print their results with this, so the report reads back exactly what they wrote. */
    public static String toJson(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** One line of the table: a figure, and when it has a target, the target and whether it was met. */
    record Row(String bench, String measure, String value, String target, Boolean met) {}

    private final Path dir;
    private final Path parts;
    private final ObjectNode results = JSON.createObjectNode();
    private final List<Row> rows = new ArrayList<>();

    public BenchReport(Path dir) {
        this.dir = dir;
        this.parts = dir.resolve("parts");
    }

    /** Reads the parts, writes bench.json and returns the table; false in met() when a target was missed. */
    public String write() throws IOException {
        transfer();
        concurrency();
        warm();
        parallel();
        udp();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = read("meta.json");
        if (meta != null) root.setAll(meta);
        root.set("results", results);
        ArrayNode summary = root.putArray("summary");
        for (Row r : rows) {
            ObjectNode o = summary.addObject().put("bench", r.bench()).put("measure", r.measure()).put("value", r.value());
            if (r.target() != null) o.put("target", r.target()).put("met", r.met());
        }
        Files.writeString(dir.resolve("bench.json"), JSON.writeValueAsString(root) + "\n");
        Table t = new Table("bench", "measure", ">value", "target", "result");
        for (Row r : rows) {
            t.row(r.bench(), r.measure(), r.value(), r.target() == null ? "" : r.target(),
                    r.met() == null ? "" : r.met() ? "met" : "MISSED");
        }
        return t.render();
    }

    /** Whether every target that was measured was met. */
    public boolean allMet() {
        return rows.stream().noneMatch(r -> Boolean.FALSE.equals(r.met()));
    }

    // ---------------------------------------------------------------- the five benches

    private void transfer() throws IOException {
        ObjectNode ours = read("transfer-socklab.json");
        if (ours == null) return;
        ObjectNode classroom = read("transfer-classroom.json");
        ObjectNode iperfFile = read("transfer-iperf-file.json");
        ObjectNode iperfMemory = read("transfer-iperf-memory.json");
        ObjectNode r = results.putObject("transfer");
        double socklab = ours.path("gbitPerSecond").asDouble();
        r.set("socklab", ours);
        r.put("socklab_gbit_s", round(socklab));
        row("transfer", "socklab tcp-client → tcp-server, " + mib(ours.path("bytesTotal").asLong()) + " file → file",
                gbit(socklab));
        if (ours.path("verified").asInt() != 1) row("transfer", "socklab transfer verified (size + SHA-256)", "no", "yes", false);
        double iFile = iperfGbit(iperfFile);
        double iMem = iperfGbit(iperfMemory);
        double loop = classroom == null ? 0 : classroom.path("bytes").asLong() * 8 / classroom.path("seconds").asDouble() / 1e9;
        if (iperfFile != null) {
            r.put("iperf3_file_gbit_s", round(iFile));
            r.set("iperf3_file", iperfFile.path("end"));
            row("transfer", "iperf3 -F file → file (same path)", gbit(iFile));
        }
        if (iperfMemory != null) {
            r.put("iperf3_memory_gbit_s", round(iMem));
            r.set("iperf3_memory", iperfMemory.path("end"));
            row("transfer", "iperf3 memory → memory (the path's ceiling)", gbit(iMem));
        }
        if (classroom != null) {
            r.put("classroom_gbit_s", round(loop));
            r.set("classroom", classroom);
            row("transfer", "classroom 1024-byte read/write loop", gbit(loop));
        }
        if (iFile > 0) ratio("transfer", "socklab / iperf3 file mode", socklab / iFile, TARGET_VS_IPERF_FILE);
        if (iMem > 0) ratio("transfer", "socklab / iperf3 memory to memory", socklab / iMem, TARGET_VS_IPERF_MEMORY);
        if (loop > 0) ratio("transfer", "socklab / classroom loop", socklab / loop, TARGET_VS_CLASSROOM);
    }

    private void concurrency() throws IOException {
        ObjectNode c = read("concurrency.json");
        if (c == null) return;
        ObjectNode server = read("concurrency-server.json");
        ObjectNode r = results.putObject("concurrency");
        r.set("clients", c);
        int clients = c.path("clients").asInt();
        int verified = c.path("verified").asInt();
        row("concurrency", clients + " clients at once, distinct " + kib(c.path("bytesEach").asLong()) + " files",
                String.format(Locale.ROOT, "%.2f s", c.path("seconds").asDouble()));
        row("concurrency", "files verified by the server (size + SHA-256)", verified + "/" + clients,
                clients + "/" + clients, verified == clients);
        if (server != null) {
            r.set("server", server);
            double rss = server.path("vmhwm_kib").asDouble() / 1024;
            row("concurrency", "server peak RSS (VmHWM)", String.format(Locale.ROOT, "%.0f MiB", rss),
                    "≤ " + (int) TARGET_RSS_MIB + " MiB", rss <= TARGET_RSS_MIB);
        }
    }

    private void warm() throws IOException {
        ObjectNode w = read("warm.json");
        if (w == null) return;
        results.set("warm", w);
        JsonNode runs = w.path("runs");
        if (runs.isEmpty()) return;
        // Median per phase over the runs: one slow run on a shared machine should not be the figure.
        List<String> phases = new ArrayList<>();
        runs.get(0).path("phases").fieldNames().forEachRemaining(phases::add);
        for (String phase : phases) {
            double m = median(runs, n -> n.path("phases").path(phase).asDouble());
            row("warm", "  " + phase.replace('_', ' '), String.format(Locale.ROOT, "%.2f s", m));
        }
        double total = median(runs, n -> n.path("total_s").asDouble());
        long ok = 0;
        for (JsonNode n : runs) if (n.path("ok").asBoolean()) ok++;
        row("warm", "./lab up → verified transfer (median of " + runs.size() + ", " + ok + " ok)",
                String.format(Locale.ROOT, "%.2f s", total), "≤ " + TARGET_WARM_SECONDS + " s",
                total <= TARGET_WARM_SECONDS && ok == runs.size());
    }

    private void parallel() throws IOException {
        ObjectNode p = read("parallel.json");
        if (p == null) return;
        results.set("parallel", p);
        int labs = p.path("labs").asInt();
        int verified = p.path("verified").asInt();
        row("parallel", labs + " labs at once (own project, subnets, run folder)",
                String.format(Locale.ROOT, "%.1f s", p.path("seconds").asDouble()));
        row("parallel", "labs verified", verified + "/" + labs, labs + "/" + labs, verified == labs);
    }

    private void udp() throws IOException {
        ObjectNode u = results.objectNode();
        for (String size : List.of("64", "1400")) {
            ObjectNode sentPart = read("udp-" + size + "-sent.json");
            ObjectNode countedPart = read("udp-" + size + "-counted.json");
            if (sentPart == null || countedPart == null) continue;
            ArrayNode steps = u.putArray(size);
            long lossless = 0;
            for (JsonNode s : sentPart.path("steps")) {
                int step = s.path("step").asInt();
                JsonNode c = findStep(countedPart.path("steps"), step);
                long sent = s.path("datagrams").asLong();
                long got = c == null ? 0 : c.path("datagrams").asLong();
                long target = s.path("targetRate").asLong();
                double sendRate = s.path("datagrams").asDouble() / s.path("seconds").asDouble();
                double countRate = got / s.path("seconds").asDouble();
                steps.addObject().put("target_rate", target).put("sent", sent).put("counted", got)
                        .put("lost", sent - got).put("send_rate", Math.round(sendRate)).put("counted_rate", Math.round(countRate));
                if (target > 0 && got == sent && target > lossless) lossless = Math.round(countRate);
                if (target == 0) {
                    row("udp", size + " B: client send rate, unpaced", rate(sendRate));
                    row("udp", size + " B: server counted at that rate (loss)",
                            rate(countRate) + String.format(Locale.ROOT, " (%.1f%%)", sent == 0 ? 0 : 100.0 * (sent - got) / sent));
                }
            }
            row("udp", size + " B: highest paced rate counted without loss", lossless == 0 ? "none" : rate(lossless));
        }
        if (!u.isEmpty()) results.set("udp", u);
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode read(String name) throws IOException {
        Path p = parts.resolve(name);
        if (!Files.isRegularFile(p)) return null;
        JsonNode n = JSON.readTree(p.toFile());
        if (n.isArray()) {
            ObjectNode wrapped = JSON.createObjectNode();
            wrapped.set("steps", n);
            return wrapped;
        }
        return n instanceof ObjectNode o ? o : null;
    }

    /** iperf3 -J: what the receiver got, per second of the test. */
    private static double iperfGbit(JsonNode iperf) {
        if (iperf == null) return 0;
        return iperf.path("end").path("sum_received").path("bits_per_second").asDouble() / 1e9;
    }

    private static JsonNode findStep(JsonNode steps, int step) {
        for (JsonNode s : steps) if (s.path("step").asInt() == step) return s;
        return null;
    }

    private static double median(JsonNode runs, java.util.function.ToDoubleFunction<JsonNode> f) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(runs.get(i));
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void row(String bench, String measure, String value) {
        rows.add(new Row(bench, measure, value, null, null));
    }

    private void row(String bench, String measure, String value, String target, boolean met) {
        rows.add(new Row(bench, measure, value, target, met));
    }

    private void ratio(String bench, String measure, double ratio, double target) {
        row(bench, measure, String.format(Locale.ROOT, "%.2f×", ratio), String.format(Locale.ROOT, "≥ %.1f×", target),
                ratio >= target);
    }

    private static String gbit(double g) {
        return String.format(Locale.ROOT, "%.2f Gbit/s", g);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    private static String kib(long bytes) {
        return (bytes >> 10) + " KiB";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
