package dev.socklab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab}: the lab itself, as ./lab runs it: start it, change it, check programs in it, measure it. */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        description = "Runs the containerized lab (what ./lab hands over to): each command below is a ./lab command.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
                UpCommand.class,
                SendCommand.class,
                CheckCommand.class,
                DownCommand.class,
                ImpairCommand.class,
                CaptureCommand.class,
                WatchCommand.class,
                CompareLabCommand.class,
                BenchLabCommand.class,
                RenderCommand.class,
                CommandLine.HelpCommand.class
        })
final class LabCommand implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see ./lab --help)");
    }
}
