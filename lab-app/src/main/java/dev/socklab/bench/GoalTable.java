package dev.socklab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socklab.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of {@code bench loopback} and {@code bench startup}: best times, the path's costs and bound, then each
 * goal met or MISSED. The same rows print alone ({@link #render}) and in ./lab bench's table ({@link BenchReport}).
 */
public final class GoalTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoalTable() {}

    public static String render(String bench, Map<String, Object> json) {
        Table t = new Table("bench", "measure", ">value", "goal", "result");
        for (BenchReport.Row r : rows(bench, JSON.valueToTree(json))) {
            t.row(r.bench(), r.measure(), r.value(), r.target() == null ? "" : r.target(), r.result());
        }
        return t.render();
    }

    /** The rows of one bench's JSON (as LoopbackBench and StartupBench write it). */
    static List<BenchReport.Row> rows(String bench, JsonNode json) {
        List<BenchReport.Row> rows = new ArrayList<>();
        json.path("seconds_best").fields().forEachRemaining(e -> rows.add(new BenchReport.Row(bench,
                e.getKey().replace('_', ' ') + " (best of " + json.path("rounds").asInt() + ")",
                String.format(Locale.ROOT, "%.2f s", e.getValue().asDouble()))));
        JsonNode c = json.path("costs");
        if (c.isObject()) {
            for (String k : List.of("sha256", "file_read", "file_write", "loopback_memory")) {
                JsonNode m = c.path(k);
                rows.add(new BenchReport.Row(bench, "cost: " + k.replace('_', ' '), String.format(Locale.ROOT,
                        "%.2f GB/s, %.2f core-s", m.path("gb_per_second").asDouble(), m.path("core_seconds").asDouble())));
            }
            rows.add(new BenchReport.Row(bench, "bound: verified transfer on " + c.path("cores").asInt() + " cores",
                    String.format(Locale.ROOT, "%.2f s", c.path("bound_transfer_seconds").asDouble())));
            rows.add(new BenchReport.Row(bench, "bound: the same + the JVM floor's start",
                    String.format(Locale.ROOT, "%.2f s", c.path("bound_with_jvm_start_seconds").asDouble())));
        }
        for (JsonNode r : json.path("ratios")) {
            rows.add(new BenchReport.Row(bench, r.path("measure").asText(),
                    String.format(Locale.ROOT, "%.2f×", r.path("ratio").asDouble())));
        }
        for (JsonNode g : json.path("goals")) {
            boolean atMost = g.has("goal_at_most");
            double ratio = g.path("ratio").asDouble();
            double goal = atMost ? g.path("goal_at_most").asDouble() : g.path("goal").asDouble();
            String by = atMost ? BenchReport.overOf(ratio, goal) : BenchReport.shortOf(ratio, goal);
            boolean met = g.path("met").asBoolean();
            rows.add(new BenchReport.Row(bench, g.path("measure").asText(), String.format(Locale.ROOT, "%.2f×", ratio),
                    String.format(Locale.ROOT, atMost ? "≤ %.1f×" : "≥ %.1f×", goal), met, met ? "" : by));
        }
        return rows;
    }

    /** Whether every goal in a bench's JSON was met. */
    @SuppressWarnings("unchecked")
    public static boolean allMet(Map<String, Object> json) {
        return ((List<Map<String, Object>>) json.get("goals")).stream().allMatch(g -> (Boolean) g.get("met"));
    }
}
