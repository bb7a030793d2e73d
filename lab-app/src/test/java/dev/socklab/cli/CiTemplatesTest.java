package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socklab.check.JunitReport;
import dev.socklab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI templates for a student's repository (docs/ci/): each runs ./lab check with options the program accepts,
 * exactly as the integration test runs it on the classroom's correct pair (CheckIT), and publishes the junit.xml
 * that check writes.
 */
class CiTemplatesTest {
    private static final Pattern STEP = Pattern.compile("^\\s*(?:-\\s+)?(?:run:\\s+)?(\\./lab\\s.*)$");
    private static final Pattern IT_RUN = Pattern.compile("lab\\.run\\(\"tcp-good\",\\s*(.*)\\);");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void eachTemplateRunsTheCheckTheTestsRunAndPublishesItsJunitXml() throws IOException {
        List<String> expected = itArguments();
        for (String name : List.of("github-actions.yml", "gitlab-ci.yml")) {
            Path template = root().resolve("docs/ci").resolve(name);
            List<String> lines = Files.readAllLines(template);
            List<DocsTest.Shown> commands = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = STEP.matcher(lines.get(i));
                if (m.matches()) commands.add(DocsTest.parse(name + ":" + (i + 1), m.group(1)));
            }
            assertEquals(1, commands.size(), name + " runs one ./lab command: " + commands);
            DocsTest.Shown check = commands.get(0);
            assertNull(DocsTest.check(check), name + ": " + check.text());
            List<String> args = new ArrayList<>(check.args());
            int code = args.indexOf("--code");
            assertTrue(code > 0, name + " names the repository as the code: " + args);
            args.subList(code, code + 2).clear();
            assertEquals(expected, args, name + " runs what CheckIT runs (but for --code)");
            String published = String.join("\n", lines);
            assertTrue(published.matches("(?s).*captures/check-\\*/" + Pattern.quote(JunitReport.FILE) + "(\\s.*)?"),
                    name + " publishes captures/check-*/" + JunitReport.FILE);
        }
    }

    /** The arguments CheckIT gives ./lab check for the correct pair (LabCheck adds --json, a template need not). */
    private static List<String> itArguments() throws IOException {
        String it = Files.readString(root().resolve("tests/src/test/java/dev/socklab/lab/CheckIT.java"));
        Matcher m = IT_RUN.matcher(it);
        assertTrue(m.find(), "CheckIT checks the correct pair");
        List<String> args = new ArrayList<>(List.of("check"));
        Matcher lit = LITERAL.matcher(m.group(1));
        while (lit.find()) args.add(lit.group(1));
        assertTrue(args.size() > 2, args.toString());
        return args;
    }

    private static Path root() {
        return Lab.fromEnvironment().root();
    }
}
