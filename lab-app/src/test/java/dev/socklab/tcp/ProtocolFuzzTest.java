package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Coverage-guided fuzzing of the protocol line parser, the code that reads bytes from anyone on the network:
 * every line of any input either parses or fails with {@link ProtocolException}, and a greeting that parses
 * survives being written again. Seeds: the lines of a real exchange ({@code ProtocolFuzzTestInputs/}).
 */
class ProtocolFuzzTest {

    // 30 s: with the capture target, the fuzzing run in ./lab test stays near 1.5 minutes.
    @FuzzTest(maxDuration = "30s")
    void anyLinesParseOrFailCleanly(byte[] data) throws IOException {
        InputStream in = new ByteArrayInputStream(data);
        for (int i = 0; i < 4; i++) {
            String line;
            try {
                line = Protocol.readLine(in);
            } catch (ProtocolException tooLongOrCut) {
                return;
            }
            if (line == null) return;
            Protocol.printable(line);
            try {
                Protocol.ClientHello hello = Protocol.parseClientHello(line);
                // What the server parsed, a client would have written the same way.
                assertEquals(hello.size(), Protocol.parseClientHello(stripped(Protocol.clientHello(hello.size(), hello.name()))).size());
            } catch (ProtocolException refused) {
                // answered "ERROR bad greeting"
            }
            try {
                Protocol.parseServerHello(line);
            } catch (ProtocolException refused) {
                // the client's one-line error
            }
            try {
                Protocol.parseReply(line);
            } catch (ProtocolException refused) {
                // the client's one-line error
            }
        }
    }

    private static String stripped(String line) {
        return line.substring(0, line.length() - 1);
    }
}
