package dev.socklab.bench;

import dev.socklab.report.Table;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table {@code bench loopback} and {@code bench startup} print: best times, then each goal met or MISSED. */
public final class GoalTable {
    private GoalTable() {}

    @SuppressWarnings("unchecked")
    public static String render(String bench, Map<String, Object> json) {
        Table t = new Table("bench", "measure", ">value", "goal", "result");
        Map<String, Object> best = (Map<String, Object>) json.get("seconds_best");
        best.forEach((k, v) -> t.row(bench, k.replace('_', ' ') + " (best of " + json.get("rounds") + ")",
                String.format(Locale.ROOT, "%.2f s", (Double) v), "", ""));
        Object costs = json.get("costs");
        if (costs instanceof Map<?, ?> c) {
            for (String k : List.of("sha256", "file_read", "file_write", "loopback_memory")) {
                Map<String, Object> m = (Map<String, Object>) c.get(k);
                t.row(bench, "cost: " + k.replace('_', ' '), String.format(Locale.ROOT, "%.2f GB/s, %.2f core-s",
                        (Double) m.get("gb_per_second"), (Double) m.get("core_seconds")), "", "");
            }
            t.row(bench, "bound: verified transfer on " + c.get("cores") + " cores",
                    String.format(Locale.ROOT, "%.2f s", (Double) c.get("bound_transfer_seconds")), "", "");
            t.row(bench, "bound: the same + the JVM floor's start",
                    String.format(Locale.ROOT, "%.2f s", (Double) c.get("bound_with_jvm_start_seconds")), "", "");
        }
        for (Map<String, Object> g : (List<Map<String, Object>>) json.get("goals")) {
            double ratio = (Double) g.get("ratio");
            boolean met = (Boolean) g.get("met");
            String goal = g.containsKey("goal_at_most")
                    ? String.format(Locale.ROOT, "≤ %.1f×", (Double) g.get("goal_at_most"))
                    : String.format(Locale.ROOT, "≥ %.1f×", (Double) g.get("goal"));
            t.row(bench, g.get("measure"), String.format(Locale.ROOT, "%.2f×", ratio), goal, met ? "met" : "MISSED");
        }
        return t.render();
    }

    /** Whether every goal in a bench's JSON was met. */
    @SuppressWarnings("unchecked")
    public static boolean allMet(Map<String, Object> json) {
        return ((List<Map<String, Object>>) json.get("goals")).stream().allMatch(g -> (Boolean) g.get("met"));
    }
}
