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
    /** The targets, in one place (issue 16); loopback's and start-up's are in LoopbackBench and StartupBench. */
    static final double TARGET_VS_IPERF_FILE = 0.8;
    static final double TARGET_VS_CLASSROOM = 4.0;
    /** Of the bound a verified transfer has on this path (see {@link #bound}). */
    static final double TARGET_OF_BOUND = LoopbackBench.GOAL_OF_BOUND;
    static final double TARGET_RSS_MIB = 256;
    /** Issue 13: an idle lab, containers and engine together, in % of one core. */
    static final double TARGET_IDLE_PCT = 2.0;
    /** Issue 16: warm ./lab up to the verified transfer against the engine's floor (same lab, no-op programs). */
    static final double TARGET_WARM_VS_FLOOR = 1.5;
    /** Issue 19: a class checked in parallel against the same submissions one after another. */
    static final double TARGET_CLASS_VS_SERIAL = 0.5;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Our bench programs print their results with this, so the report reads back exactly what they wrote. */
    public static String toJson(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /**
     * One line of the table: a figure, and when it has a target, the target, whether it was met and, when it was not,
     * by how much ("36 % short", "12 % over", "2 short").
     */
    record Row(String bench, String measure, String value, String target, Boolean met, String missedBy) {
        Row(String bench, String measure, String value) {
            this(bench, measure, value, null, null, "");
        }

        String result() {
            return BenchReport.result(met, missedBy);
        }
    }

    /** The result column: nothing without a target, met, or MISSED and by how much. */
    static String result(Boolean met, String missedBy) {
        return met == null ? "" : met ? "met" : missedBy.isEmpty() ? "MISSED" : "MISSED (" + missedBy + ")";
    }

    /** How far a figure that must reach {@code goal} fell short of it; empty when it did not. */
    static String shortOf(double value, double goal) {
        return value >= goal ? "" : percent(100 * (goal - value) / goal) + " short";
    }

    /** How far a figure that must stay within {@code limit} went over it; empty when it did not. */
    static String overOf(double value, double limit) {
        return value <= limit ? "" : percent(100 * (value - limit) / limit) + " over";
    }

    /** Whole percents; a tenth below 1 %, so a miss never reads "0 %". */
    private static String percent(double p) {
        return String.format(Locale.ROOT, p < 1 ? "%.1f %%" : "%.0f %%", p);
    }

    /** How many of {@code all} that had to be fine were not; empty when none. */
    static String countShort(long fine, long all) {
        return fine >= all ? "" : (all - fine) + " short";
    }

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
        ObjectNode loopback = read("loopback.json");
        transfer(loopback == null ? null : loopback.path("costs"));
        concurrency();
        warm();
        parallel();
        udp();
        idle();
        analyzer();
        goals("loopback", loopback);
        goals("startup", read("startup.json"));
        classes();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = read("meta.json");
        if (meta != null) root.setAll(meta);
        root.set("results", results);
        ArrayNode summary = root.putArray("summary");
        for (Row r : rows) {
            ObjectNode o = summary.addObject().put("bench", r.bench()).put("measure", r.measure()).put("value", r.value());
            if (r.target() != null) o.put("target", r.target()).put("met", r.met());
            if (!r.missedBy().isEmpty()) o.put("missed_by", r.missedBy());
        }
        Files.writeString(dir.resolve("bench.json"), JSON.writeValueAsString(root) + "\n");
        return table(root);
    }

    /**
     * The table ./lab bench prints, from a bench.json's summary: the one renderer, so the table a page shows
     * (docs/performance.md) is exactly what the run printed.
     */
    public static String table(JsonNode benchJson) {
        Table t = new Table("bench", "measure", ">value", "target", "result");
        for (JsonNode r : benchJson.path("summary")) {
            t.row(r.path("bench").asText(), r.path("measure").asText(), r.path("value").asText(), r.path("target").asText(""),
                    result(r.has("met") ? r.path("met").asBoolean() : null, r.path("missed_by").asText("")));
        }
        return t.render();
    }

    /** Whether every target that was measured was met. */
    public boolean allMet() {
        return rows.stream().noneMatch(r -> Boolean.FALSE.equals(r.met()));
    }

    // ---------------------------------------------------------------- the five benches

    /** A bench that judges itself (bench loopback, bench startup): its JSON as it wrote it, its own rows. */
    private void goals(String bench, ObjectNode json) {
        if (json == null) return;
        results.set(bench, json);
        rows.addAll(GoalTable.rows(bench, json));
    }

    private void transfer(JsonNode costs) throws IOException {
        List<ObjectNode> oursRounds = rounds("transfer-socklab");
        if (oursRounds.isEmpty()) return;
        ObjectNode r = results.putObject("transfer");
        ObjectNode ours = best(oursRounds, n -> n.path("gbitPerSecond").asDouble(), r, "socklab");
        ObjectNode iperfFile = best(rounds("transfer-iperf-file"), BenchReport::iperfGbit, r, "iperf3_file");
        ObjectNode iperfMemory = best(rounds("transfer-iperf-memory"), BenchReport::iperfGbit, r, "iperf3_memory");
        ObjectNode classroom = best(rounds("transfer-classroom"), BenchReport::loopGbit, r, "classroom");
        List<ObjectNode> bareRounds = rounds("transfer-bare-jvm");
        ObjectNode bare = best(bareRounds, BenchReport::loopGbit, r, "bare_jvm");
        double socklab = ours.path("gbitPerSecond").asDouble();
        String of = " (best of " + oursRounds.size() + ")";
        row("transfer", "socklab tcp-client → tcp-server, " + mib(ours.path("bytesTotal").asLong()) + " file → file" + of,
                gbit(socklab));
        long failed = oursRounds.stream().filter(n -> n.path("verified").asInt() != 1).count();
        if (failed > 0) row("transfer", "socklab transfers verified (size + SHA-256)", failed + " failed", "all", failed + " failed");
        double iFile = iperfGbit(iperfFile);
        double iMem = iperfGbit(iperfMemory);
        double loop = loopGbit(classroom);
        double bareJvm = loopGbit(bare);
        if (bare != null) {
            row("transfer", "bare JVM verified copy, same path (best of " + bareRounds.size() + ")", gbit(bareJvm));
        }
        if (iperfFile != null) row("transfer", "iperf3 -F file → file, same path" + of, gbit(iFile));
        if (iperfMemory != null) row("transfer", "iperf3 memory → memory, 1 GiB (the path's ceiling)" + of, gbit(iMem));
        if (classroom != null) row("transfer", "classroom 1024-byte read/write loop" + of, gbit(loop));
        if (iFile > 0) ratio("transfer", "socklab / iperf3 file mode", socklab / iFile, TARGET_VS_IPERF_FILE);
        if (loop > 0) ratio("transfer", "socklab / classroom loop", socklab / loop, TARGET_VS_CLASSROOM);
        double bytes = ours.path("bytesTotal").asDouble();
        if (iMem > 0 && costs != null && costs.isObject() && socklab > 0) {
            double bound = bound(bytes, iMem, costs);
            r.put("bound_seconds", round(bound));
            row("transfer", "bound: the path's ceiling + both hashes, file read and write on "
                    + costs.path("cores").asInt() + " cores", String.format(Locale.ROOT, "%.2f s", bound));
            ratio("transfer", "socklab / its bound (time ratio)", bound / (bytes * 8 / socklab / 1e9), TARGET_OF_BOUND);
            // What the JVM itself reaches of the same bound: the part of the gap that no Java program closes.
            if (bareJvm > 0) {
                double bareBytes = bare.path("bytes").asDouble();
                row("transfer", "bare JVM verified copy / its bound (time ratio)",
                        times(bound(bareBytes, iMem, costs) / (bareBytes * 8 / bareJvm / 1e9)));
            }
        }
        if (bareJvm > 0) row("transfer", "socklab / bare JVM verified copy", times(socklab / bareJvm));
    }

    /**
     * The fastest a verified transfer of bytes can be on the bench's path: iperf3 memory to memory already keeps
     * the cores busy moving the bytes (the path's ceiling, in wall time), and the work only a verified file transfer
     * does comes on top of it, spread over every core: SHA-256 on each side, reading the file and writing it, at
     * the core-seconds per GiB that bench loopback measured on this machine in the same run.
     */
    static double bound(double bytes, double pathGbit, JsonNode costs) {
        double gib = bytes / (1L << 30);
        // Per GiB as PathCosts.Cost computed it (loopback writes it): one computation of it, not two.
        double extra = 2 * costs.path("sha256").path("core_seconds_per_gib").asDouble()
                + costs.path("file_read").path("core_seconds_per_gib").asDouble()
                + costs.path("file_write").path("core_seconds_per_gib").asDouble();
        return bytes * 8 / pathGbit / 1e9 + extra * gib / Math.max(1, costs.path("cores").asInt());
    }

    /** Parts NAME-1.json, NAME-2.json...: one per round. */
    private List<ObjectNode> rounds(String name) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            ObjectNode n = read(name + "-" + i + ".json");
            if (n == null) return out;
            out.add(n);
        }
    }

    /** The best round by gbit, recorded in r with every round's figure; null when there was none. */
    private static ObjectNode best(List<ObjectNode> rounds, java.util.function.ToDoubleFunction<JsonNode> gbit,
                                   ObjectNode r, String key) {
        ObjectNode best = null;
        ArrayNode all = r.putArray(key + "_gbit_s_rounds");
        for (ObjectNode n : rounds) {
            all.add(round(gbit.applyAsDouble(n)));
            if (best == null || gbit.applyAsDouble(n) > gbit.applyAsDouble(best)) best = n;
        }
        if (best == null) {
            r.remove(key + "_gbit_s_rounds");
            return null;
        }
        r.put(key + "_gbit_s", round(gbit.applyAsDouble(best)));
        // iperf3's report is long: its totals are enough.
        r.set(key, best.has("end") ? best.path("end").path("sum_received") : best);
        return best;
    }

    private static double loopGbit(JsonNode classroom) {
        if (classroom == null || classroom.path("seconds").asDouble() <= 0) return 0;
        return classroom.path("bytes").asLong() * 8 / classroom.path("seconds").asDouble() / 1e9;
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
                clients + "/" + clients, countShort(verified, clients));
        if (server != null) {
            r.set("server", server);
            double rss = server.path("vmhwm_kib").asDouble() / 1024;
            row("concurrency", "server peak RSS (VmHWM)", rss > 0 ? String.format(Locale.ROOT, "%.0f MiB", rss) : "not read",
                    "≤ " + (int) TARGET_RSS_MIB + " MiB", rss > 0 ? overOf(rss, TARGET_RSS_MIB) : "not read");
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
        if (runs.get(0).has("capture_startup_s")) {
            row("warm", "  (beside the server: tcpdump until listening)", String.format(Locale.ROOT, "%.2f s",
                    median(runs, n -> n.path("capture_startup_s").asDouble())));
        }
        double verified = median(runs, n -> n.path("verified_s").asDouble(n.path("total_s").asDouble()));
        double total = median(runs, n -> n.path("total_s").asDouble());
        long ok = 0;
        for (JsonNode n : runs) if (n.path("ok").asBoolean()) ok++;
        // No fixed time: the goal is against the engine's floor, measured in the same run (warmFloor).
        row("warm", "./lab up → verified transfer (median of " + runs.size() + ", " + ok + " ok)",
                String.format(Locale.ROOT, "%.2f s", verified), "all ok", countShort(ok, runs.size()));
        row("warm", "./lab up to its end, incl. summary, pairing, pictures", String.format(Locale.ROOT, "%.2f s", total));
        warmFloor(w, verified);
    }

    /** The engine's floor beside the warm start: the same lab with no-op programs, from compose up to the client's exit. */
    private void warmFloor(ObjectNode w, double verified) {
        JsonNode floor = w.path("floor");
        if (floor.isEmpty()) return;
        double f = median(floor, n -> n.path("seconds").asDouble());
        long ok = 0;
        for (JsonNode n : floor) if (n.path("ok").asBoolean()) ok++;
        row("warm", "engine's floor: same lab, no-op programs (median of " + floor.size() + ", " + ok + " ok)",
                String.format(Locale.ROOT, "%.2f s", f));
        if (f > 0) {
            double ratio = verified / f;
            row("warm", "./lab up → verified / engine's floor", String.format(Locale.ROOT, "%.2f×", ratio),
                    String.format(Locale.ROOT, "≤ %.1f×", TARGET_WARM_VS_FLOOR),
                    ok < floor.size() ? "the floor: " + countShort(ok, floor.size()) : overOf(ratio, TARGET_WARM_VS_FLOOR));
        }
    }

    /** An idle lab's CPU: each container, the engine, and the total against the goal. */
    private void idle() throws IOException {
        ObjectNode i = read("idle.json");
        if (i == null) return;
        results.set("idle", i);
        String window = String.format(Locale.ROOT, "%.0f s", i.path("seconds").asDouble());
        i.path("containers_pct").fields().forEachRemaining(e -> row("idle", "  container " + e.getKey(), pct(e.getValue().asDouble())));
        i.path("engine_pct").fields().forEachRemaining(e -> row("idle", "  engine: " + e.getKey(), pct(e.getValue().asDouble())));
        row("idle", "containers of the lab from ./lab up, idle " + window, pct(i.path("containers_total_pct").asDouble()));
        row("idle", "engine (dockerd, containerd, the lab's shims)", pct(i.path("engine_total_pct").asDouble()));
        double total = i.path("total_pct").asDouble();
        if (i.has("engine_before_lab_pct")) {
            row("idle", "engine before the lab came up (others' labs included)", pct(i.path("engine_before_lab_pct").asDouble()));
        }
        if (i.has("lab_pct")) {
            // A shared engine: the goal is on the lab's own share (containers, shims, the engine above its level before).
            row("idle", "containers + engine, all of it (others' labs included)", pct(total));
            double lab = i.path("lab_pct").asDouble();
            row("idle", "idle lab: containers + shims + engine above its level before", pct(lab),
                    String.format(Locale.ROOT, "≤ %.0f %%", TARGET_IDLE_PCT), overOf(lab, TARGET_IDLE_PCT));
        } else {
            row("idle", "idle lab: containers + engine, % of one core", pct(total),
                    String.format(Locale.ROOT, "≤ %.0f %%", TARGET_IDLE_PCT), overOf(total, TARGET_IDLE_PCT));
        }
    }

    /** lab-app analyze against tshark on the same capture. */
    private void analyzer() throws IOException {
        ObjectNode a = read("analyzer.json");
        if (a == null) return;
        results.set("analyzer", a);
        String file = (a.path("file_bytes").asLong() >> 20) + " MiB, " + a.path("packets").asLong() + " packets";
        double tshark = a.path("tshark").path("seconds").asDouble();
        double ours = a.path("ours").path("seconds").asDouble();
        row("analyzer", "tshark -q -z conv,tcp (" + file + ")", String.format(Locale.ROOT, "%.2f s, %d MiB", tshark,
                a.path("tshark").path("rss_kib").asLong() >> 10));
        row("analyzer", "lab-app analyze, heap capped at 64 MiB", String.format(Locale.ROOT, "%.2f s, %d MiB", ours,
                a.path("ours").path("rss_kib").asLong() >> 10));
        long frames = a.path("ours").path("frames").asLong();
        int connections = a.path("ours").path("tcp_connections").asInt();
        row("analyzer", "analyze read every packet of the one connection", frames + "/" + a.path("packets").asLong(), "all",
                connections != 1 ? connections + " connections" : countShort(frames, a.path("packets").asLong()));
        if (ours > 0) row("analyzer", "analyze speed / tshark's", String.format(Locale.ROOT, "%.2f×", tshark / ours));
    }

    /** ./lab check --class in parallel against the same class one after another (measured, or extrapolated by kind). */
    private void classes() throws IOException {
        ObjectNode c = read("class.json");
        if (c == null) return;
        results.set("class", c);
        int n = c.path("submissions").asInt();
        double parallel = c.path("parallel_seconds").asDouble();
        double serial = c.path("serial_seconds").asDouble();
        row("class", n + " submissions (correct, truncating, hanging, crashing in turn), " + c.path("jobs").asInt() + " at a time",
                String.format(Locale.ROOT, "%.1f s", parallel));
        row("class", "the same one after another" + (c.path("serial_extrapolated").asBoolean()
                ? " (extrapolated by kind from " + c.path("serial_measured").asInt() + " measured in "
                + String.format(Locale.ROOT, "%.1f s", c.path("serial_measured_seconds").asDouble()) + ")" : ""),
                String.format(Locale.ROOT, "%.1f s", serial));
        int ok = c.path("graded_as_expected").asInt();
        row("class", "submissions graded as their kind deserves", ok + "/" + n, n + "/" + n, countShort(ok, n));
        if (serial > 0) {
            double ratio = parallel / serial;
            row("class", "parallel / one after another", String.format(Locale.ROOT, "%.2f×", ratio),
                    String.format(Locale.ROOT, "≤ %.1f×", TARGET_CLASS_VS_SERIAL), overOf(ratio, TARGET_CLASS_VS_SERIAL));
        }
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f %%", v);
    }

    private void parallel() throws IOException {
        ObjectNode p = read("parallel.json");
        if (p == null) return;
        results.set("parallel", p);
        int labs = p.path("labs").asInt();
        int verified = p.path("verified").asInt();
        row("parallel", labs + " labs at once (own project, subnets, run folder)",
                String.format(Locale.ROOT, "%.1f s", p.path("seconds").asDouble()));
        row("parallel", "labs verified", verified + "/" + labs, labs + "/" + labs, countShort(verified, labs));
    }

    private void udp() throws IOException {
        ObjectNode u = results.objectNode();
        for (String size : List.of("64", "1400")) {
            ObjectNode sentPart = read("udp-" + size + "-sent.json");
            ObjectNode countedPart = read("udp-" + size + "-counted.json");
            if (sentPart == null || countedPart == null) continue;
            ArrayNode steps = u.putArray(size);
            double bestSend = 0;
            double bestLossless = 0;
            String firstLoss = null;
            for (JsonNode s : sentPart.path("steps")) {
                JsonNode c = findStep(countedPart.path("steps"), s.path("step").asInt());
                long sent = s.path("datagrams").asLong();
                long got = c == null ? 0 : c.path("datagrams").asLong();
                double seconds = s.path("seconds").asDouble();
                double sendRate = seconds <= 0 ? 0 : sent / seconds;
                double countRate = seconds <= 0 ? 0 : got / seconds;
                steps.addObject().put("target_rate", s.path("targetRate").asLong()).put("sent", sent).put("counted", got)
                        .put("lost", sent - got).put("send_rate", Math.round(sendRate)).put("counted_rate", Math.round(countRate));
                bestSend = Math.max(bestSend, sendRate);
                // The sender may not reach a step's target on a busy machine: what counts is the rate achieved.
                if (got == sent) bestLossless = Math.max(bestLossless, countRate);
                else if (firstLoss == null) {
                    firstLoss = String.format(Locale.ROOT, "%s sent, %.1f%% lost", rate(sendRate), 100.0 * (sent - got) / sent);
                }
            }
            row("udp", size + " B: client send rate (best step)", rate(bestSend));
            row("udp", size + " B: server counted without loss (best step)", bestLossless == 0 ? "none" : rate(bestLossless));
            if (firstLoss != null) row("udp", size + " B: first step with loss", firstLoss);
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
        rows.add(new Row(bench, measure, value));
    }

    private void row(String bench, String measure, String value, String target, String missedBy) {
        rows.add(new Row(bench, measure, value, target, missedBy.isEmpty(), missedBy));
    }

    private void ratio(String bench, String measure, double ratio, double target) {
        row(bench, measure, times(ratio), String.format(Locale.ROOT, "≥ %.1f×", target), shortOf(ratio, target));
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
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
