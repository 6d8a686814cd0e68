package org.chaintrail.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.watch.WatchCheck;
import org.chaintrail.analytics.watch.WatchChecker;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Watch;
import org.chaintrail.query.AlertView;
import org.chaintrail.query.Json;
import org.chaintrail.query.WatchView;
import org.chaintrail.query.WebhookQuery;
import org.chaintrail.watch.WebhookDispatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Watchlists: funds from watched addresses that reach an exchange, a mixer, an OTC desk or a "
                + "sanctioned party raise alerts, POSTed to a webhook. Ingests check after each commit; these "
                + "commands check, list and deliver by hand. Watches are added to cases through the API.",
        subcommands = {WatchCommand.Check.class, WatchCommand.ListWatches.class, WatchCommand.Dispatch.class,
                WatchCommand.SetWebhook.class})
final class WatchCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the watches (of one chain, or of every chain watched), then deliver the alerts "
                    + "not delivered yet. Exits 1 if a watch could not be checked or an alert not delivered.",
            footer = {"", "Example:", "  ./chaintrail watch check --chain ethereum"})
    static final class Check implements Callable<Integer> {
        @Option(names = "--chain", description = "Only this chain's watches.")
        String chain;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                GraphStore store = connection.store();
                List<Chain> chains = chain != null ? List.of(Chain.of(chain)) : watchedChains(store);
                boolean failed = false;
                WatchChecker checker = new WatchChecker(store);
                for (Chain c : chains) {
                    WatchCheck check = checker.check(c);
                    System.out.println(check.describe());
                    check.failures().forEach((id, why) -> System.out.println("  watch " + id + " failed: " + why));
                    failed |= !check.failures().isEmpty();
                    if (!check.raised().isEmpty()) {
                        System.out.print(alertTable(check.raised()));
                    }
                }
                var dispatch = new WebhookDispatcher(store.watches()).dispatchPending();
                System.out.println(dispatch.describe());
                return failed || dispatch.failed() > 0 ? 1 : 0;
            }
        }

        private static List<Chain> watchedChains(GraphStore store) {
            return store.watches().active().stream().map(Watch::chain).distinct().sorted().toList();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the watches not removed, and the alerts (of one case, or all).",
            footer = {"", "Example:", "  ./chaintrail watch list --case 2024-017 --format json"})
    static final class ListWatches implements Callable<Integer> {
        @Option(names = "--case", paramLabel = "ID", description = "Only this case's watches and alerts.")
        String caseId;

        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            if (format == OutputFormat.csv) {
                throw new IllegalArgumentException("--format: table or json, was csv");
            }
            try (var connection = graph.open()) {
                GraphStore store = connection.store();
                List<Watch> watches = caseId != null ? store.watches().ofCase(caseId) : store.watches().active();
                List<Alert> alerts = caseId != null ? store.watches().alertsOfCase(caseId)
                        : store.watches().alertsSince(Instant.EPOCH);
                List<WatchView> views = new ArrayList<>();
                watches.forEach(w -> views.add(WatchView.of(w, store.assets(w.chain(), List.of(w.asset())).get(w.asset()))));
                if (format == OutputFormat.json) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("watches", views);
                    body.put("alerts", alerts.stream().map(AlertView.Listed::of).toList());
                    System.out.print(Json.write(body));
                    return 0;
                }
                TextTable table = new TextTable(List.of("watch", "case", "chain", "address", "asset", "model", "hops",
                        "since", "checked", "added by"), false, false, false, false, false, false, true, true, true, false);
                views.forEach(v -> table.row(v.id(), v.caseId(), v.chain(), v.address(), v.asset(), v.model(),
                        String.valueOf(v.maxHops()), String.valueOf(v.sinceBlock()),
                        v.checkedThrough() == null ? null : String.valueOf(v.checkedThrough()), v.addedBy()));
                System.out.println(views.size() + (views.size() == 1 ? " watch" : " watches"));
                System.out.print(table.render());
                System.out.println(alerts.size() + (alerts.size() == 1 ? " alert" : " alerts"));
                if (!alerts.isEmpty()) {
                    System.out.print(alertTable(alerts));
                }
            }
            return 0;
        }
    }

    @Command(name = "dispatch", mixinStandardHelpOptions = true,
            description = "POST the alerts the webhook has not accepted yet, with retries; stops at the first "
                    + "alert that fails. Exits 1 if one failed or no webhook is set.",
            footer = {"", "Example:", "  ./chaintrail watch dispatch"})
    static final class Dispatch implements Callable<Integer> {
        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                var dispatch = new WebhookDispatcher(connection.store().watches()).dispatchPending();
                System.out.println(dispatch.describe());
                return dispatch.webhookSet() && dispatch.failed() == 0 ? 0 : 1;
            }
        }
    }

    @Command(name = "webhook", mixinStandardHelpOptions = true,
            description = "Set the webhook alerts are POSTed to. Each POST carries X-Chaintrail-Signature: "
                    + "sha256=<hex HMAC-SHA256 of the body with the secret>. Without --secret one is made and "
                    + "printed, once.",
            footer = {"", "Example:", "  ./chaintrail watch webhook https://alerts.example-exchange.com/chaintrail "
                    + "--secret \"$WEBHOOK_SECRET\""})
    static final class SetWebhook implements Callable<Integer> {
        @Parameters(paramLabel = "URL", description = "An http:// or https:// URL.")
        String url;

        @Option(names = "--secret", paramLabel = "S", description = "The signature's key, 16 characters or more.")
        String secret;

        @Option(names = "--by", paramLabel = "NAME", description = "Who sets it (default: the OS user name).")
        String by;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            var webhook = new WebhookQuery(url, secret).toWebhook(by != null ? by : LabelsCommand.defaultUser(),
                    Instant.now());
            try (var connection = graph.open()) {
                connection.store().watches().setWebhook(webhook);
            }
            System.out.println("webhook set: " + webhook.url() + " (by " + webhook.setBy() + ")");
            if (secret == null) {
                System.out.println("secret: " + webhook.secret());
                System.out.println("  the receiver checks X-Chaintrail-Signature with it; it is not shown again");
            }
            return 0;
        }
    }

    private static String alertTable(List<Alert> alerts) {
        TextTable table = new TextTable(List.of("block", "tx", "terminal", "entity", "amount", "asset", "hops",
                "watched", "delivered"), true, false, false, false, true, false, true, false, false);
        for (Alert a : alerts) {
            table.row(String.valueOf(a.blockNumber()), a.txHash(), a.terminal(), a.entity().map(e -> e.name())
                    .orElse(a.category().orElse(null)), a.amount(), a.asset(), String.valueOf(a.hops()), a.watched(),
                    a.delivery().deliveredAt().map(Instant::toString).orElse(a.delivery().attempts() == 0 ? "no"
                            : "no, " + a.delivery().attempts() + " attempts: " + a.delivery().lastError().orElse("")));
        }
        return table.render();
    }
}
