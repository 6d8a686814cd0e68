package org.chaintrail.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.chaintrail.query.CaseView;
import org.chaintrail.query.Cases;
import org.chaintrail.query.Json;
import org.chaintrail.query.RerunReport;
import org.chaintrail.query.Requester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chaintrail case}: the investigators' cases the API keeps. Whoever can open the store sees
 * every case, as an admin does.
 */
@Command(name = "case", description = "List and show investigators' cases, and re-run a saved trace.",
        mixinStandardHelpOptions = true, subcommands = {CaseCommand.ListCases.class, CaseCommand.Show.class,
                CaseCommand.Rerun.class},
        footer = {"", "Example:", "  ./chaintrail case list"})
final class CaseCommand {
    private CaseCommand() {
    }

    private static Requester operator(String by) {
        return new Requester(by == null ? LabelsCommand.defaultUser() : by, true);
    }

    /** Prints what was found and exits 0, or says what was not and exits 1. */
    private static <T> int print(CommandSpec spec, Optional<T> found, String notFound, Function<T, String> render) {
        if (found.isEmpty()) {
            spec.commandLine().getErr().println("error: " + notFound);
            return 1;
        }
        System.out.print(render.apply(found.get()));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every case, in the order opened.",
            footer = {"", "Example:", "  ./chaintrail case list"})
    static final class ListCases implements Callable<Integer> {
        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                List<CaseView.Listing> cases = new Cases(connection.store()).list(operator(null));
                var table = new TextTable(List.of("id", "title", "opened by", "opened (UTC)", "members"));
                for (CaseView.Listing c : cases) {
                    table.row(c.id(), c.title(), c.createdBy(), c.createdAt(),
                            String.join(" ", c.members().stream().map(CaseView.Member::name).toList()));
                }
                System.out.print(table.render());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A case with its members, addresses, notes and saved traces (the JSON of "
                    + "GET /api/v1/cases/{id}).",
            footer = {"", "Example:", "  ./chaintrail case show case-1"})
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The case id, as `case list` shows it.")
        String id;

        @Mixin
        GraphOptions graph;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                return print(spec, new Cases(connection.store()).get(operator(null), id), Cases.notFound(id), Json::write);
            }
        }
    }

    @Command(name = "rerun", mixinStandardHelpOptions = true,
            description = "Run a saved trace again, on its snapshot's blocks and on today's, and say whether its "
                    + "figures changed and why. The saved trace stays as it is; the re-run is recorded.",
            footer = {"", "Example:", "  ./chaintrail case rerun case-1 trace-1 --by 'A. Analyst'"})
    static final class Rerun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The case id.")
        String id;

        @Parameters(index = "1", paramLabel = "TRACE", description = "The saved trace's id, as `case show` lists it.")
        String trace;

        @Option(names = "--by", paramLabel = "NAME", description = "Who re-runs it (default: the OS user name).")
        String by;

        @Option(names = "--format", defaultValue = "table",
                description = "table (default: the verdict and its reasons) or json (the whole comparison).")
        OutputFormat format;

        @Mixin
        GraphOptions graph;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (format == OutputFormat.csv) {
                throw new IllegalArgumentException("--format csv is for traces; use table or json");
            }
            try (var connection = graph.open()) {
                return print(spec, new Cases(connection.store()).rerun(operator(by), id, trace),
                        Cases.notFound(id, trace), format == OutputFormat.json ? Json::write : Rerun::text);
            }
        }

        private static String text(RerunReport r) {
            StringBuilder out = new StringBuilder(r.caseId() + " " + r.traceId() + ": " + r.verdict()
                    + (r.causes().isEmpty() ? "" : " (" + String.join(", ", r.causes()) + ")") + "\n");
            r.reasons().forEach(reason -> out.append("  ").append(reason).append('\n'));
            return out.toString();
        }
    }
}
