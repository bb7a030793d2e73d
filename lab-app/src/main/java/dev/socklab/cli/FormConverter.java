package dev.socklab.cli;

import dev.socklab.tcp.Form;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * --protocol as users type it (auto, socklab, greeting, raw; any case), for the commands described in code
 * ({@link Specs}). picocli's own enum handling finds the constants by reflection, and its first try, the exact
 * Java name, fails on every lowercase value: an exception and a method handle spun at every start of tcp-server
 * and tcp-client (docs/performance.md, start-up).
 */
final class FormConverter implements CommandLine.ITypeConverter<Form> {
    /** The values as --help and shell completion offer them. */
    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (Form f : Form.values()) labels.add(f.label());
        return labels;
    }

    @Override
    public Form convert(String value) {
        for (Form f : Form.values()) {
            if (f.name().equalsIgnoreCase(value)) return f;
        }
        throw new CommandLine.TypeConversionException("expected one of " + labels() + " (case-insensitive) but was '" + value + "'");
    }
}
