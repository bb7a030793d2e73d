package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.socklab.cli.Main;
import org.junit.jupiter.api.Test;

/** ./lab render --check, as CI would run it: the committed files match the model. */
class RenderCommandTest {
    @Test
    void renderCheckPassesOnTheCommittedFiles() {
        assertEquals(0, Main.execute("lab", "render", "--check"));
    }
}
