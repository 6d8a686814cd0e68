package org.chaintrail.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.clustering.ClusterReport;
import org.chaintrail.analytics.clustering.UtxoClustering;
import org.chaintrail.analytics.clustering.UtxoHeuristic;
import org.chaintrail.analytics.entities.AccountHeuristic;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.model.Chain;
import org.chaintrail.query.ExplainQuery;
import org.chaintrail.query.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cluster", mixinStandardHelpOptions = true, subcommands = ClusterCommand.Explain.class,
        description = {"Cluster addresses into entities and store them.",
                "Bitcoin: common-input ownership (CoinJoins skipped), plus the opt-in change heuristics; "
                        + "incremental, each run reads only blocks not clustered yet.",
                "Account chains: entities from labels and the deposit-address heuristic, plus the opt-in "
                        + "airdrop and self-authorisation heuristics; each run rebuilds them all."},
        footer = {"", "Examples:", "  ./chaintrail cluster --chain bitcoin",
                "  ./chaintrail cluster --chain bitcoin --heuristics change-one-time,change-script-type --rebuild",
                "  ./chaintrail cluster --chain ethereum --heuristics airdrop,self-authorisation",
                "  ./chaintrail cluster explain --chain bitcoin ADDR1 ADDR2"})
final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--chain", defaultValue = "bitcoin", description = "Chain (default: ${DEFAULT-VALUE}).")
    String chain;

    @Option(names = "--heuristics", split = ",", paramLabel = "NAME",
            description = "Opt-in heuristics. Bitcoin: change-one-time, change-script-type, change-round-payment "
                    + "(common-input is always on). Account chains: airdrop, self-authorisation (labels and "
                    + "deposit-address are always on).")
    List<String> heuristics = new ArrayList<>();

    @Option(names = "--rebuild", description = "Forget the stored clusters and start from the first block "
            + "(needed when the heuristics change or a reorganisation was rolled back).")
    boolean rebuild;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        Chain c = Chain.of(chain);
        if (c.isUtxo()) {
            Set<UtxoHeuristic> chosen = EnumSet.of(UtxoHeuristic.COMMON_INPUT);
            heuristics.forEach(h -> chosen.add(UtxoHeuristic.ofFlag(h.trim())));
            try (var connection = graph.open()) {
                ClusterReport report = new UtxoClustering(connection.store(), c, chosen).run(rebuild);
                report.describe().forEach(System.out::println);
            }
            return 0;
        }
        Set<AccountHeuristic> chosen = EnumSet.noneOf(AccountHeuristic.class);
        heuristics.forEach(h -> chosen.add(AccountHeuristic.ofFlag(h.trim())));
        try (var connection = graph.open()) {
            System.out.println(new EntityResolver(connection.store(), c, chosen).resolve().describe());
        }
        return 0;
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Why two addresses are one entity: the chains of links (heuristic and transaction) "
                    + "that join them, shortest first (the JSON of GET /api/v1/entities/{id}/evidence).",
            footer = {"", "Example:", "  ./chaintrail cluster explain --chain bitcoin ADDR1 ADDR2"})
    static final class Explain implements Callable<Integer> {
        @Option(names = "--chain", defaultValue = "bitcoin", description = "Chain (default: ${DEFAULT-VALUE}).")
        String chain;

        @Option(names = "--paths", defaultValue = "3", description = "Chains of links to show at most "
                + "(default: ${DEFAULT-VALUE}).")
        int paths;

        @Option(names = "--format", defaultValue = "table", description = "table (default) or json.")
        OutputFormat format;

        @Parameters(index = "0", paramLabel = "ADDR1")
        String a;

        @Parameters(index = "1", paramLabel = "ADDR2")
        String b;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                ExplainQuery.ExplainView view = new ExplainQuery(chain, a, b, paths).run(connection.store());
                if (format == OutputFormat.json) {
                    System.out.print(Json.write(view));
                } else {
                    System.out.print(render(view));
                }
                return view.paths().isEmpty() ? 1 : 0;
            }
        }

        static String render(ExplainQuery.ExplainView view) {
            StringBuilder out = new StringBuilder();
            out.append(view.a()).append(" and ").append(view.b()).append(" on ").append(view.chain()).append('\n');
            out.append("  entity: ").append(view.entity() == null ? "none" : view.entity()).append('\n');
            out.append("  ").append(view.note()).append('\n');
            int n = 1;
            for (List<ExplainQuery.LinkView> path : view.paths()) {
                out.append("\nchain ").append(n++).append(" (").append(path.size()).append(" link(s))\n");
                for (ExplainQuery.LinkView l : path) {
                    out.append("  ").append(l.from()).append(" -> ").append(l.to()).append('\n');
                    out.append("      ").append(l.heuristic());
                    if (l.txid() != null) {
                        out.append(" in tx ").append(l.txid());
                    }
                    if (l.block() != null) {
                        out.append(" (block ").append(l.block()).append(')');
                    }
                    out.append(": ").append(l.evidence()).append('\n');
                }
            }
            return out.toString();
        }
    }
}
