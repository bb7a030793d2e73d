package dev.socklab.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The file a class run sends one student: text derived from the class's seed and the student's name alone
 * (SHA-256 in counter mode), so the same seed regrades with the same files, and a server that writes a canned
 * recv.txt — or a copy of someone else's — fails. Between 4 and 8 KiB: more than one recv(1024) or recv(4096).
 */
public final class IndividualFile {
    static final int MIN_BYTES = 4096;
    static final int MAX_BYTES = 8192;
    private static final String WORDS = "socket bind listen accept connect send recv close port address packet segment "
            + "window handshake server client byte stream datagram route capture";

    private IndividualFile() {
    }

    /** A new class seed: 16 hex digits. */
    public static String newSeed() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The student's file under this seed. */
    public static byte[] of(String seed, String student) {
        MessageDigest d = sha256();
        String[] words = WORDS.split(" ");
        StringBuilder text = new StringBuilder("socklab class file for " + student + "\n\n");
        byte[] block = new byte[0];
        int used = 32;
        int size = -1;
        for (long counter = 0; size < 0 || text.length() < size; ) {
            if (used + 2 > block.length) {
                d.update((seed + "\n" + student + "\n" + counter++).getBytes(StandardCharsets.UTF_8));
                block = d.digest();
                used = 0;
            }
            int r = ((block[used] & 0xff) << 8) | (block[used + 1] & 0xff);
            used += 2;
            if (size < 0) {
                size = MIN_BYTES + r % (MAX_BYTES - MIN_BYTES);
                continue;
            }
            text.append(words[r % words.length]).append(r % 7 == 0 ? ".\n" : " ");
        }
        text.setLength(size - 1);
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }
}
