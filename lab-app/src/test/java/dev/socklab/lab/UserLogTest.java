package dev.socklab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserLogTest {

    @Test
    void labUsersCountIsTakenOutOfWhatTheProgramPrinted() {
        UserLog log = UserLog.of(new Docker.Output("holding 16 MiB\nholding 32 MiB\n", "ln: failed\nlab-user: oom_kill 2\n"));
        assertEquals("holding 16 MiB\nholding 32 MiB\nln: failed\n", log.printed());
        assertEquals(OptionalLong.of(2), log.oomKills());
        assertEquals(2, log.oomKills(false));
        assertEquals(2, log.oomKills(true));
    }

    @Test
    void withoutLabUsersCountTheEnginesFlagDecides() {
        UserLog log = UserLog.of(new Docker.Output("out", "err without newline"));
        assertEquals("outerr without newline", log.printed());
        assertEquals(OptionalLong.empty(), log.oomKills());
        assertEquals(1, log.oomKills(true));
        assertEquals(0, log.oomKills(false));
    }

    @Test
    void theEnginesFlagAloneIsOneKillAndACountOfNoneIsNone() {
        assertEquals(1, UserLog.of(new Docker.Output("", "lab-user: oom_kill 0\n")).oomKills(true));
        assertEquals(0, UserLog.of(new Docker.Output("", "lab-user: oom_kill 0\n")).oomKills(false));
    }

    @Test
    void onlyAWholeCountIsACount() {
        for (String bad : java.util.List.of("lab-user: oom_kill \n", "lab-user: oom_kill x1\n", "lab-user: oom_kill 99999999999\n",
                " lab-user: oom_kill 1\n")) {
            UserLog log = UserLog.of(new Docker.Output("", bad));
            assertEquals(OptionalLong.empty(), log.oomKills(), bad);
            assertEquals(bad, log.printed(), "left as it was printed");
        }
    }
}
