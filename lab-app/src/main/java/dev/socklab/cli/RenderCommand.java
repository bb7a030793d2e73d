package dev.socklab.cli;

import dev.socklab.lab.Lab;
import dev.socklab.lab.LabFile;
import dev.socklab.lab.Labs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./lab render}: writes the compose files from the topology model, the one source of the lab. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Writes docker-compose.yml and labs/*.yml from the topology model in lab-app, or checks that they match it.")
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "write nothing: exit 1 when a file differs from what the model renders")
    boolean check;

    @Override
    public Integer call() throws IOException {
        Path root = Lab.fromEnvironment().root();
        int differ = write(root, LabFile.KINDS, LabFile.renderKinds());
        for (LabFile f : Labs.all()) differ += write(root, f.path(), f.render());
        return differ == 0 ? 0 : 1;
    }

    private int write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        String now = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (now.equals(text)) return 0;
        if (check) {
            spec.commandLine().getOut().println(path + " differs from the topology model (./lab render writes it)");
        } else {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("wrote " + path);
        }
        spec.commandLine().getOut().flush();
        return check ? 1 : 0;
    }
}
