package dev.socklab.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;

/** SHA-256 digests; every Java runtime must provide the algorithm, so its absence is a bug, not an error. */
public final class Sha256 {
    private Sha256() {}

    /** FIPS 180-2's first example: SHA-256("abc"); before the provider, which checks it. */
    private static final byte[] ABC = HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    /**
     * The JDK's own SHA-256 (the SUN provider's class, intrinsic and all), offered by a provider that holds nothing
     * else. {@code MessageDigest.getInstance("SHA-256")} first sets up the JCA: the security properties, the provider
     * list and the SUN provider's table of every service it has (its OID table alone is 5 ms): about 12 ms of a
     * 70 ms client start (docs/performance.md). Null when this JDK has no such
     * class, or it does not compute SHA-256: the standard lookup then.
     */
    private static final Provider JDK_SHA256 = jdkSha256();

    @SuppressWarnings("serial")   // never serialised
    private static final class JdkSha256 extends Provider {
        JdkSha256() {
            super("socklab-jdk-sha256", "1", "the JDK's SHA-256, without the JCA's set-up");
            putService(new Service(this, "MessageDigest", "SHA-256", "sun.security.provider.SHA2$SHA256", null, null));
        }
    }

    private static Provider jdkSha256() {
        try {
            Provider p = new JdkSha256();
            MessageDigest d = MessageDigest.getInstance("SHA-256", p);
            return Arrays.equals(d.digest(new byte[] {'a', 'b', 'c'}), ABC) ? p : null;
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            return null;   // another JDK's layout: the standard lookup
        }
    }

    /** Whether digests come from the JDK's class directly (else through the JCA's lookup). */
    static boolean direct() {
        return JDK_SHA256 != null;
    }

    static MessageDigest newDigest() {
        try {
            return JDK_SHA256 != null ? MessageDigest.getInstance("SHA-256", JDK_SHA256) : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }

    /** The lowercase hex form used on the wire and in every report. */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a whole file, in lowercase hex. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[Defaults.BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return hex(digest);
    }
}
