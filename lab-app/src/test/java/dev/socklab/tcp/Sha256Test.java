package dev.socklab.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    /** The JDKs socklab runs on (21 in the images, 25 on the host here) have the class: a silent fallback fails here. */
    @Test
    void digestsComeFromTheJdksClassWithoutTheJcaLookup() {
        assertTrue(Sha256.direct(), "the JDK's SHA-256 class was not usable: every start pays the JCA's set-up");
        assertEquals("socklab-jdk-sha256", Sha256.newDigest().getProvider().getName());
    }

    @Test
    void theSameDigestsAsTheJcasOwnForAnyLengthAndAnySplit() throws Exception {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[i < 300 ? i : random.nextInt(1 << 17)];
            random.nextBytes(data);
            MessageDigest ours = Sha256.newDigest();
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, random.nextInt(1, 9000));
                ours.update(data, at, n);
                at += n;
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ours.digest(), "length " + data.length);
        }
    }

    @Test
    void aFileHashesToItsKnownDigest(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.ofFile(empty));
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.ofFile(abc));
        byte[] million = new byte[1_000_000];
        java.util.Arrays.fill(million, (byte) 'a');   // FIPS 180-2's third example
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                Sha256.ofFile(Files.write(dir.resolve("a"), million)));
        assertEquals(32, HexFormat.of().parseHex(Sha256.ofFile(abc)).length);
    }
}
