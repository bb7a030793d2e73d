package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The textbook UDP exercise: a message crosses the router to the server and comes back, echoed or upper-cased. */
@RequiresDocker
class UdpEchoIT {

    @ParameterizedTest(name = "{0}: \"{1}\" comes back as \"{2}\"")
    @CsvSource({"echo, hello socklab, hello socklab", "upper, hello socklab, HELLO SOCKLAB"})
    void aMessageComesBackFromTheServer(String mode, String sent, String expected) {
        try (TwoHostLab<UdpServerContainer> lab = TwoHostLab.startUdp(mode)) {
            ClientContainer.Run run = lab.client()
                    .running("udp-client", "{server}", "--port", String.valueOf(UdpServerContainer.PORT), "--message", sent)
                    .run();

            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("Reply from " + lab.server().address() + ":" + UdpServerContainer.PORT + ": " + expected),
                    "the reply comes from the server's address and port:\n" + run.output());
            UdpServerContainer.Datagram got = lab.server().received().get(0);
            assertEquals(sent, got.text(), "the server printed what it received");
            assertTrue(lab.clientSubnet().contains(got.address()), got + " comes from client-net, through the router");
        }
    }

    @Test
    void aServerThatAnswersNothingLeavesTheClientWithATimeoutAndAClearMessage() {
        try (TwoHostLab<UdpServerContainer> lab = TwoHostLab.startUdp("print")) {
            ClientContainer.Run run = lab.client()
                    .running("udp-client", "{server}", "--port", String.valueOf(UdpServerContainer.PORT),
                            "--message", "anyone there?", "--timeout", "1s")
                    .run();

            assertNotEquals(0, run.exitCode(), "no reply is a failure for --message:\n" + run.output());
            assertTrue(run.output().contains("no reply from") && run.output().contains("UDP gives no error"), run.output());
            assertEquals("anyone there?", lab.server().received().get(0).text(), "the datagram did arrive: only the reply is missing");
        }
    }
}
