package org.cqlhooks.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far, in milliseconds, by the server process (every thread: requests, GC, JIT) and by this load
 * generator, so a row can say what one call costs each side of the socket: on a 2-core machine that, not the wall
 * time, says how many calls per second 8 clients can get.
 */
final class CpuTime {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms. */
    private static final double MS_PER_TICK = 10;

    private CpuTime() {
    }

    /** The process's user and system time from /proc (Linux), or -1 where there is none. */
    static double of(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This JVM's CPU time. */
    static double self() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }
}
