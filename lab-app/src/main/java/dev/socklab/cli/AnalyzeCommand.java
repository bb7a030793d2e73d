package dev.socklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the real command lands (work in progress). */
@Command(name = "analyze")
final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new LabException("analyze: not built yet");
    }
}
