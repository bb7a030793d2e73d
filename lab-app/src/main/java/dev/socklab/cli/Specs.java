package dev.socklab.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Commands described with picocli's programmatic API instead of its annotations: lab-app itself, and tcp-server and
 * tcp-client (from their {@link Program}), whose start-up the lab measures. Reading annotations is the costliest part of a picocli
 * start (each annotation type a proxy class generated at run time, each member found by reflection: more than the
 * JVM's own start, docs/performance.md); a description built in code costs almost nothing. Same parser, same help.
 */
final class Specs {
    private Specs() {}

    /** A command running userObject (a Runnable or Callable), its options in the order they are added. */
    static CommandSpec command(Object userObject, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description).sortOptions(false);
        return spec;
    }

    /** -h/--help and -V/--version, last, as picocli's mixinStandardHelpOptions adds them to annotated commands. */
    static void standardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }
}
