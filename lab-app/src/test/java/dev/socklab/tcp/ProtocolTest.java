package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void clientHelloRoundTripsAndKeepsSpacesInTheName() throws Exception {
        String line = Protocol.clientHello(4096, "my file.txt");
        assertEquals("HELLO socklab-client size=4096 name=my file.txt\n", line);
        Protocol.ClientHello hello = Protocol.parseClientHello(line.strip());
        assertEquals(4096, hello.size());
        assertEquals("my file.txt", hello.name());
    }

    @Test
    void clientHelloCleansAndShortensHostileNames() throws Exception {
        String line = Protocol.clientHello(1, "evil\nOK size=1\r" + "x".repeat(5000));
        assertEquals(1, line.chars().filter(c -> c == '\n').count());
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= Protocol.MAX_LINE);
        assertEquals(1, Protocol.parseClientHello(line.substring(0, line.length() - 1)).size());
    }

    @Test
    void malformedGreetingsAreRejectedCleanly() {
        for (String bad : new String[] {"", "HELLO", "HELLO socklab-client size=", "HELLO socklab-client size=-1 name=x",
                "HELLO socklab-client size=+1 name=x", "HELLO socklab-client size=99999999999999999999 name=x",
                "HELLO socklab-client size=1 nom=x", "hello socklab-client size=1 name=x", "GET / HTTP/1.1",
                "HELLO socklab-client size=1 name=a\u0000b"}) {
            assertThrows(ProtocolException.class, () -> Protocol.parseClientHello(bad), bad);
        }
    }

    @Test
    void repliesParse() throws Exception {
        String sha = "ab".repeat(32);
        assertEquals(new Protocol.Ok(12, sha), Protocol.parseReply(Protocol.ok(12, sha).strip()));
        assertEquals(new Protocol.Error("disk full"), Protocol.parseReply("ERROR disk full"));
        assertInstanceOf(Protocol.Error.class, Protocol.parseReply("ERROR"));
        assertThrows(ProtocolException.class, () -> Protocol.parseReply("OK size=12 sha256=" + "AB".repeat(32)));
        assertThrows(ProtocolException.class, () -> Protocol.parseReply("OK size=12 sha256=" + sha + " "));
        assertThrows(ProtocolException.class, () -> Protocol.parseReply("OK size=x sha256=" + sha));
        assertThrows(ProtocolException.class, () -> Protocol.parseServerHello("ERROR bad greeting"));
    }

    @Test
    void readLineStopsAtNewlineAndLimitsLength() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream("HELLO socklab-server ready\r\nrest".getBytes(StandardCharsets.US_ASCII));
        assertEquals("HELLO socklab-server ready", Protocol.readLine(in));
        assertEquals('r', in.read(), "nothing after the newline may be consumed");
        assertNull(Protocol.readLine(new ByteArrayInputStream(new byte[0])));
        assertThrows(ProtocolException.class, () -> Protocol.readLine(new ByteArrayInputStream(new byte[2000])));
        assertThrows(ProtocolException.class, () -> Protocol.readLine(new ByteArrayInputStream("no newline".getBytes())));
    }

    @Test
    void randomInputOnlyEverThrowsProtocolException() {
        Random random = new Random(42);
        String alphabet = "HELLO socklab-client size=name=OKERROR sha256=0123456789abcdef \t\r\u00e9\u0000\ud800";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(random.nextBoolean() ? "HELLO socklab-client size=" : "OK size=");
            int len = random.nextInt(90);
            for (int j = 0; j < len; j++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = b.toString();
            for (var parser : java.util.List.<ThrowingParser>of(Protocol::parseClientHello, Protocol::parseReply,
                    Protocol::parseServerHello)) {
                try {
                    parser.parse(s);
                } catch (ProtocolException expected) {
                    // the only allowed failure
                }
            }
        }
    }

    @FunctionalInterface
    interface ThrowingParser {
        void parse(String line) throws ProtocolException;
    }

    @Test
    void firstBytesBeginWithAMarkOrCouldStillOrCannot() {
        byte[] hello = "HELLO socklab-client size=1 name=x\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Protocol.Prefix.YES, Protocol.beginsWith(hello, hello.length, Protocol.SOCKLAB_MARK));
        assertEquals(Protocol.Prefix.MAYBE, Protocol.beginsWith(hello, 5, Protocol.SOCKLAB_MARK), "'HELLO' alone: not yet");
        byte[] textbook = Protocol.CLASSIC_CLIENT_GREETING.getBytes(StandardCharsets.US_ASCII);
        assertEquals(Protocol.Prefix.NO, Protocol.beginsWith(textbook, textbook.length, Protocol.SOCKLAB_MARK),
                "'Hello' differs in case: a classic greeting is never socklab's");
        byte[] error = "ERROR bad".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Protocol.Prefix.YES, Protocol.beginsWith(error, error.length, Protocol.SOCKLAB_MARK, "ERROR"));
        assertEquals(Protocol.Prefix.NO, Protocol.beginsWith(new byte[0], 0, new String[0]), "no marks, no match");
        byte[] binary = {(byte) 0xff, 0, 1};
        assertEquals(Protocol.Prefix.NO, Protocol.beginsWith(binary, binary.length, Protocol.SOCKLAB_MARK));
    }
}
