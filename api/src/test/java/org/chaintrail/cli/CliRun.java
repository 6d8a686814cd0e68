package org.chaintrail.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs the command line in this JVM as {@code chaintrail ARGS...} would, capturing standard output
 * and picocli's error stream.
 *
 * @param exit the exit code
 * @param out  what went to standard output
 * @param err  what went to the error stream
 */
public record CliRun(int exit, String out, String err) {

    /** The command with {@code --neo4j-uri URI} appended: the test JVM's embedded server, say. */
    static CliRun on(String neo4jUri, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--neo4j-uri";
        all[args.length + 1] = neo4jUri;
        return of(all);
    }

    public static CliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cli = ChaintrailCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }
}
