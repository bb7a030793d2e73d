package dev.socklab.cli;

import dev.socklab.lab.Lab;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./lab down}: removes the user's lab, whichever topology it runs. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Removes the lab's containers and networks, whichever topology or exercise it runs; the runs under captures/ stay.")
final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Lab.fromEnvironment().down();
        return 0;
    }
}
