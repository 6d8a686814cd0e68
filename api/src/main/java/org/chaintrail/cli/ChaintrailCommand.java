package org.chaintrail.cli;

import java.io.PrintWriter;
import org.chaintrail.ingest.IngestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chaintrail}: the command line. Commands parse and print; the work is in the other modules. */
@Command(name = "chaintrail", mixinStandardHelpOptions = true, version = "chaintrail 0.1.0",
        description = "Trace scam-centre proceeds through cryptocurrency, on a Neo4j graph.",
        subcommands = {DemoCommand.class, ImportCommand.class, IngestCommand.class, ExportCommand.class, LabelsCommand.class, TraceCommand.class,
                AddressCommand.class, EntityCommand.class, ClusterCommand.class, ExposureCommand.class, PatternsCommand.class, CaseCommand.class, WatchCommand.class, ServeCommand.class, Neo4jServerCommand.class,
                KeysCommand.class, AuditCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  ./chaintrail demo --no-serve"})
public final class ChaintrailCommand {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: bad input exits 2, a failure exits 1, both with the reason;
     * {@code CHAINTRAIL_DEBUG=1} adds the stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChaintrailCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            StringBuilder message = new StringBuilder("error: " + e.getMessage());
            for (Throwable c = e.getCause(); c != null && !(e instanceof IngestException); c = c.getCause()) {
                message.append("\n  caused by: ").append(c.getMessage());
            }
            err.println(message);
            if (System.getenv("CHAINTRAIL_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        });
        return cli;
    }
}
