package dev.socklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the real command lands (work in progress). */
@Command(name = "summary")
final class SummaryCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new LabException("summary: not built yet");
    }
}
