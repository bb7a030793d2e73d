package dev.socklab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns, for everything a person reads in the terminal.
 * Columns whose header starts with '>' are right-aligned (numbers); the '>' is not printed.
 */
public final class Table {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) width[i] = headers[i].length();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        String[] rule = new String[headers.length];
        for (int i = 0; i < rule.length; i++) rule[i] = "-".repeat(width[i]);
        line(out, rule, width);
        for (String[] r : rows) line(out, r, width);
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) l.append("  ");
            String pad = " ".repeat(width[i] - cells[i].length());
            l.append(rightAligned[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
