package dev.socklab.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/**
 * A path as typed, for the commands described in code ({@link Specs}): picocli's own Path converter calls
 * {@code Paths.get} by reflection, which spins method handles at the first conversion of every start.
 */
final class PathConverter implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        return Path.of(value);
    }
}
