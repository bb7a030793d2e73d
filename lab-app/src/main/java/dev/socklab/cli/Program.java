package dev.socklab.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A program whose start-up the lab measures (tcp-server, tcp-client), its command line described once, as data.
 * picocli builds its model from the description for everything it does well — help, version, completion, every
 * malformed line and its error. A plain line (known options with their values, the positionals) is parsed by
 * {@link #parse} without picocli: building any picocli model compiles regular expressions and runs the JVM's first
 * lambda bootstrap, a quarter of the program's start (docs/performance.md). A line {@link #parse} does not take is
 * picocli's; ProgramTest checks that where both parse a line, they read the same values.
 */
record Program(String name, String[] description, List<Param> params, Runs runs) {

    /** What the program does with its parsed values: a new command, run once. */
    interface Runs {
        Callable<Integer> command(Values values, PrintWriter out);
    }

    /** A parsed line's values, by option name ("--port", its longest) or positional label ("HOST"). */
    interface Values {
        Object get(String key);

        @SuppressWarnings("unchecked")
        default <T> T value(String key) {
            return (T) get(key);
        }

        default boolean flag(String key) {
            return Boolean.TRUE.equals(get(key));
        }
    }

    /** A usage mistake found after parsing (two options that contradict each other): exit 2, like picocli's. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    /**
     * An option (names: "-p", "--port") or a positional (no names), its value converted by converter (null: a
     * String); defaultValue null: none. A flag is an option of type boolean: present or not.
     */
    record Param(List<String> names, String label, Class<?> type, ITypeConverter<?> converter, String defaultValue,
                 Iterable<String> candidates, String description) {

        static Param option(String label, Class<?> type, ITypeConverter<?> converter, String defaultValue, String description,
                            String... names) {
            return new Param(List.of(names), label, type, converter, defaultValue, null, description);
        }

        static Param flag(String description, String... names) {
            return new Param(List.of(names), null, boolean.class, null, null, null, description);
        }

        static Param positional(String label, String description) {
            return new Param(List.of(), label, String.class, null, null, null, description);
        }

        Param withCandidates(Iterable<String> values) {
            return new Param(names, label, type, converter, defaultValue, values, description);
        }

        boolean isPositional() {
            return names.isEmpty();
        }

        boolean isFlag() {
            return type == boolean.class;
        }

        /** How the program asks for its value: the longest name, or a positional's label. */
        String key() {
            return isPositional() ? label : names.get(names.size() - 1);
        }

        Object convert(String text) throws Exception {
            return converter == null ? text : converter.convert(text);
        }

        /** picocli's model of it; index: a positional's place among the positionals. */
        ArgSpec picocli(int index) {
            if (isPositional()) {
                return PositionalParamSpec.builder().index("" + index).arity("1").required(true).paramLabel(label).type(type)
                        .description(description).build();
            }
            OptionSpec.Builder b = OptionSpec.builder(names.toArray(new String[0])).type(type).description(description);
            if (label != null) b.paramLabel(label);
            if (converter != null) b.converters(converter);
            if (defaultValue != null) b.defaultValue(defaultValue);
            if (candidates != null) b.completionCandidates(candidates);
            return b.build();
        }
    }

    /** picocli's model of this program, running a new command on the values it parsed. */
    CommandSpec spec() {
        CommandSpec[] spec = new CommandSpec[1];
        Callable<Integer> call = () -> {
            Values values = key -> valueOf(spec[0], key);
            try {
                return runs.command(values, spec[0].commandLine().getOut()).call();
            } catch (Usage u) {
                throw new CommandLine.ParameterException(spec[0].commandLine(), u.getMessage());
            }
        };
        spec[0] = Specs.command(call, name, description);
        int positionals = 0;
        for (Param p : params) {
            if (p.isPositional()) spec[0].addPositional((PositionalParamSpec) p.picocli(positionals++));
            else spec[0].addOption((OptionSpec) p.picocli(0));
        }
        Specs.standardHelp(spec[0]);
        return spec[0];
    }

    private static Object valueOf(CommandSpec spec, String key) {
        OptionSpec option = spec.findOption(key);
        if (option != null) return option.getValue();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (key.equals(p.paramLabel())) return p.getValue();
        }
        throw new IllegalArgumentException("no option or positional " + key);
    }

    /**
     * The values of a plain line — each known option once, as {@code --name value}, {@code --name=value} or
     * {@code -n value}, flags alone, the positionals — with the defaults of those not given; null for anything else
     * (help, an unknown or repeated option, a value that does not convert, {@code --}, an {@code @file}), which is
     * picocli's to parse or to explain.
     */
    Map<String, Object> parse(List<String> args) {
        Map<String, Object> values = new HashMap<>();
        int positional = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.isEmpty() || arg.startsWith("@")) return null;   // picocli expands @files anywhere
            Param p;
            String value;
            if (arg.startsWith("-")) {
                int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
                p = named(eq < 0 ? arg : arg.substring(0, eq));
                if (p == null || values.containsKey(p.key())) return null;
                if (p.isFlag()) {
                    if (eq >= 0) return null;
                    values.put(p.key(), Boolean.TRUE);
                    continue;
                }
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    return null;
                }
                // picocli reads a value that looks like an option as a mistake, or as the next option: its call.
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
            } else {
                p = positional(positional++);
                if (p == null) return null;
                value = arg;
            }
            Object converted = convert(p, value);
            if (converted == null) return null;
            values.put(p.key(), converted);
        }
        for (Param p : params) {
            if (values.containsKey(p.key())) continue;
            if (p.isPositional()) return null;                          // required: picocli says which is missing
            if (p.defaultValue() != null) {
                Object d = convert(p, p.defaultValue());
                if (d == null) return null;
                values.put(p.key(), d);
            } else {
                values.put(p.key(), null);                              // as picocli: an absent flag is null, not false
            }
        }
        return values;
    }

    private Param named(String name) {
        for (Param p : params) {
            if (p.names().contains(name)) return p;
        }
        return null;
    }

    private Param positional(int index) {
        int seen = 0;
        for (Param p : params) {
            if (p.isPositional() && seen++ == index) return p;
        }
        return null;
    }

    /** The converted value, or null when the converter refuses it (picocli then reports it in its words). */
    private static Object convert(Param p, String text) {
        try {
            return p.convert(text);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Runs a plain line (args after the program's name) without picocli and returns the exit code, or null when the
     * line is not plain: picocli then runs it. Failures are reported as picocli's handlers report them (Errors).
     */
    Integer runPlain(List<String> args, PrintWriter out, PrintWriter err) {
        Map<String, Object> values = parse(args);
        if (values == null) return null;
        try {
            return runs.command(values::get, out).call();
        } catch (Usage u) {
            return Errors.usage(err, name, "lab-app " + name, u.getMessage());
        } catch (Exception e) {
            return Errors.report(e, name, err);
        }
    }
}
