package org.chaintrail.cli;

import java.util.concurrent.Callable;
import org.chaintrail.graph.AuditStore;
import org.chaintrail.model.AuditEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", description = "Check the audit log of the HTTP API.", mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the hash chain of the audit log, from the first entry to the head: each "
                    + "entry's hash is the SHA-256 of its canonical JSON, which includes the previous entry's hash. "
                    + "Exit 0 if every entry checks; exit 1 naming the first entry where the chain breaks (an entry "
                    + "edited, removed or inserted).",
                    "Note the head hash it prints somewhere else (a ticket, an e-mail): with it, even the newest "
                    + "entries cannot be removed unnoticed."},
            footer = {"", "Example:", "  ./chaintrail audit verify --store data/graph"})
    static final class Verify implements Callable<Integer> {
        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                AuditStore.Verification v = connection.store().audit().verify();
                String head = v.head().map(h -> "head: entry " + h.seq() + ", hash " + h.hash())
                        .orElse("head: none (genesis " + AuditEntry.GENESIS + ")");
                if (v.intact()) {
                    System.out.println("audit log intact: " + v.checked() + " entries checked; " + head);
                    return 0;
                }
                System.out.println("audit log BROKEN at entry " + v.brokenAt().getAsLong() + ": " + v.problem()
                        + "; " + v.checked() + " entries before it check out; " + head);
                return 1;
            }
        }
    }
}
