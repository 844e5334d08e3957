package org.cqlhooks.cli;

/** A command that cannot answer: the exit code, and the one line that says why. */
final class CliFailure extends RuntimeException {

    /** A case failed ({@code test}). */
    static final int CASES_FAILED = 1;
    /** The input is wrong: an option, a file, the request, the service id. */
    static final int BAD_INPUT = 2;
    /** The content does not load: every problem is listed, one a line. */
    static final int BROKEN_CONTENT = 3;
    /** Something this command did not expect; the message names it. */
    static final int UNEXPECTED = 4;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
