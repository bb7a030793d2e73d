package dev.socklab.check;

import java.util.List;

/** Whether a program that should end on its own (a client) did, and how. */
final class ProgramChecks {
    private ProgramChecks() {
    }

    /** The user's program is judged; socklab's own is evidence about the other side (INFO when it fails). */
    static Check finished(Program p, int timeoutSeconds) {
        String id = p.role() + "-exit";
        String title = p.role() + " finishes on its own";
        Verdict failure = p.user() ? Verdict.FAIL : Verdict.INFO;
        if (p.hung()) {
            return new Check(id, title, failure, "hang: " + p.describe() + " was still running after " + timeoutSeconds
                    + " s and was stopped" + lastWords(p), List.of());
        }
        int code = p.exit().orElse(-1);
        if (code == 0) return Check.pass(id, title, p.describe() + " exited with code 0");
        return new Check(id, title, failure, p.describe() + " exited with code " + code + lastWords(p), List.of());
    }

    /** Its last line of output, where the reason usually is; the report shows more. */
    private static String lastWords(Program p) {
        String tail = p.outputTail(1);
        return tail.isBlank() ? "" : " — it said: " + tail;
    }
}
