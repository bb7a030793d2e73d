package dev.socklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.socklab.tcp.Form;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FormConverterTest {
    private final FormConverter forms = new FormConverter();

    @Test
    void everyFormAsUsersTypeItInAnyCase() {
        for (Form f : Form.values()) {
            assertEquals(f, forms.convert(f.label()));
            assertEquals(f, forms.convert(f.name()));
        }
        assertEquals(Form.GREETING, forms.convert("Greeting"));
        assertEquals(List.of("auto", "socklab", "greeting", "raw"), FormConverter.labels());
    }

    @Test
    void anythingElseNamesTheChoices() {
        var e = assertThrows(CommandLine.TypeConversionException.class, () -> forms.convert("gree"));
        assertEquals("expected one of [auto, socklab, greeting, raw] (case-insensitive) but was 'gree'", e.getMessage());
    }
}
