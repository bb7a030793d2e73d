package dev.socklab.cli;

import dev.socklab.check.CheckReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grade DIR}: judges the runs ./lab check left in DIR and writes report.md and report.json there. */
@Command(name = "grade",
        mixinStandardHelpOptions = true,
        description = {"Judges a folder ./lab check made (captures/check-<time>): the user's run check by check, "
                + "with the packet numbers that prove each verdict, beside the reference run of socklab's own programs.",
                "Prints a checklist and writes report.md and report.json into the folder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check of the user's run passed", "1:a check failed, or the folder is not a check's",
                "2:bad command line"})
final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the check's folder, with user/ and reference/ runs")
    Path dir;

    @Override
    public Integer call() throws IOException {
        CheckReport report;
        try {
            report = CheckReport.of(dir);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), e);
        }
        report.write();
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.checklist());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
