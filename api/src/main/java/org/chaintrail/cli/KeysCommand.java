package org.chaintrail.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chaintrail.http.ApiKeys;
import org.chaintrail.http.Role;
import org.chaintrail.model.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "keys", description = "Create, list and revoke the API keys of the HTTP API.",
        mixinStandardHelpOptions = true,
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key and print it, once: the store keeps only its SHA-256. Roles: admin "
                    + "(keys, ingest, labels, the audit log, and all an analyst may do), analyst (traces, entities, "
                    + "cases, exports, and all screening may do), screening (exposure and screening only, for "
                    + "exchanges).",
                    "With the embedded store, stop the server first (it holds the store); with --neo4j-uri, a "
                    + "running server accepts the key within " + ApiKeys.CACHE_SECONDS + " seconds."},
            footer = {"", "Example:", "  ./chaintrail keys create --role screening --name kestrel-deposits --rate-limit 100"})
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, analyst or screening.")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Unique name, recorded in the audit log with every request of the key.")
        String name;

        @Option(names = "--rate-limit", paramLabel = "PER_SECOND",
                description = "Requests per second (default: the server's rate for the role).")
        Integer rateLimit;

        @Option(names = "--by", paramLabel = "NAME", description = "Who creates it (default: the OS user name).")
        String by;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            Role r = Role.of(role);
            try (var connection = graph.open()) {
                var issued = ApiKeys.issue(connection.store().keys(), name, r, by == null ? LabelsCommand.defaultUser()
                        : by, Optional.ofNullable(rateLimit), Clock.systemUTC());
                System.out.println("Created key '" + name + "' (role " + r.id() + ", rate limit "
                        + issued.stored().rateLimit().map(n -> n + " per second").orElse("the server's for the role")
                        + ") in " + connection.description() + ".");
                System.out.println("The key, shown this once (the store keeps only its SHA-256):");
                System.out.println();
                System.out.println("  " + issued.key());
                System.out.println();
                System.out.println("Send it with every request as the header 'Authorization: Bearer KEY'.");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys: name, role, who created them and when, rate limit, revocation. Never the "
                    + "keys themselves, which are not stored.",
            footer = {"", "Example:", "  ./chaintrail keys list --store data/graph"})
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                List<ApiKey> keys = connection.store().keys().all();
                System.out.println(keys.size() + " key(s) in " + connection.description());
                var table = new TextTable(List.of("name", "role", "created (UTC)", "by", "rate/s", "revoked (UTC)"));
                for (ApiKey k : keys) {
                    table.row(k.name(), k.role(), k.createdAt().toString(), k.createdBy(),
                            k.rateLimit().map(String::valueOf).orElse("role"),
                            k.revokedAt().map(Instant::toString).orElse(null));
                }
                System.out.print(table.render());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: it admits nobody from now on (a running server within its key cache time, "
                    + ApiKeys.CACHE_SECONDS + " seconds). It stays listed, and its name is not reused.",
            footer = {"", "Example:", "  ./chaintrail keys revoke kestrel-deposits"})
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The key's name.")
        String name;

        @Mixin
        GraphOptions graph;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                Optional<ApiKey> revoked = connection.store().keys().revoke(name, Instant.now());
                if (revoked.isEmpty()) {
                    spec.commandLine().getErr().println("error: no active key named '" + name + "'");
                    return 1;
                }
                System.out.println("revoked key '" + name + "' (" + revoked.get().role() + ") at "
                        + revoked.get().revokedAt().orElseThrow());
            }
            return 0;
        }
    }
}
