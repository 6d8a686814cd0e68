package org.chaintrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.labels.BadRow;
import org.chaintrail.ingest.labels.LabelFormat;
import org.chaintrail.ingest.labels.LabelImportRequest;
import org.chaintrail.ingest.labels.LabelImporter;
import org.chaintrail.ingest.labels.TagPackExport;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.Retraction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "labels", description = "Import, export, retract and audit attribution labels.",
        mixinStandardHelpOptions = true,
        subcommands = {LabelsCommand.Import.class, LabelsCommand.Export.class, LabelsCommand.Retract.class,
                LabelsCommand.History.class})
final class LabelsCommand {

    /** Who acts, when --by is not given: the operating-system user. */
    static String defaultUser() {
        return System.getProperty("user.name", "unknown");
    }

    /** Rebuilds the entities of a chain from its labels, which an import or a retraction changed. */
    private static void resolve(GraphStore store, Chain chain) {
        System.out.println("  " + chain.id() + ": " + new EntityResolver(store, chain).resolve().describe());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import labels: GraphSense TagPacks (YAML), OFAC SDN address lists "
                    + "(sanctioned_addresses_<CUR>.txt) or sdn.xml, or CSV (chain,address,label,category,source,"
                    + "confidence). Each label records who added it (--by), when and from which file; a label "
                    + "already on its address is kept as it is. Then the entities of every chain touched are rebuilt.",
                    "Bad rows (unknown category, an address invalid for its chain, ...) are listed with file, line "
                    + "and value; the good rows load and the exit code is 0, unless --strict: then nothing is "
                    + "stored and the exit code is 1."},
            footer = {"", "Examples:",
                    "  ./chaintrail labels import ../shared/data/labels/graphsense-tagpacks/packs/exchange-wallets-binance.yaml",
                    "  ./chaintrail labels import --strict --by 'A. Analyst' ../shared/data/labels/ofac/sanctioned_addresses_XBT.txt"})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Label files.")
        List<Path> files;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "tagpack, ofac, ofac-xml or csv (default: guessed from each file's name and content).")
        String format;

        @Option(names = "--strict", description = "Store nothing if any row of any file is bad.")
        boolean strict;

        @Option(names = "--by", paramLabel = "NAME", description = "Who imports (default: the OS user name).")
        String by;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            var request = new LabelImportRequest(files, Optional.ofNullable(format).map(LabelFormat::of), strict,
                    by == null ? defaultUser() : by, Clock.systemUTC());
            try (var connection = graph.open()) {
                var result = new LabelImporter(connection.store()).importFiles(request);
                for (BadRow bad : result.problems()) {
                    System.out.println("bad row: " + bad.describe());
                }
                System.out.println("imported into " + connection.description());
                System.out.println("  " + result.describe());
                if (!result.stored()) {
                    return 1;
                }
                result.chains().forEach(chain -> resolve(connection.store(), chain));
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a chain's labels (retracted ones left out) as a GraphSense TagPack, for a partner "
                    + "whose tools read TagPacks. The same labels give the same bytes.",
            footer = {"", "Example:", "  ./chaintrail labels export --chain tron --out fiu-tron.yaml --creator 'FIU Example'"})
    static final class Export implements Callable<Integer> {
        @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "The chain.")
        String chain;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).")
        Path out;

        @Option(names = "--title", paramLabel = "TEXT", description = "The TagPack title (default: Chaintrail labels on CHAIN).")
        String title;

        @Option(names = "--creator", paramLabel = "TEXT", defaultValue = "Chaintrail",
                description = "The TagPack creator: who shares them (default: ${DEFAULT-VALUE}).")
        String creator;

        @Option(names = "--description", paramLabel = "TEXT",
                defaultValue = "Attribution labels exported by Chaintrail; retracted labels are left out.",
                description = "The TagPack description.")
        String description;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() throws IOException {
            Chain c = Chain.of(chain);
            var export = new TagPackExport(title == null ? "Chaintrail labels on " + c.id() : title, creator,
                    description);
            try (var connection = graph.open()) {
                String yaml = export.write(connection.store(), c);
                if (out == null) {
                    System.out.print(yaml);
                } else {
                    Files.writeString(out, yaml, StandardCharsets.UTF_8);
                    System.err.println("wrote " + out);
                }
            }
            return 0;
        }
    }

    @Command(name = "retract", mixinStandardHelpOptions = true,
            description = "Retract a label from an address: it stays in the history with who retracted it, when and "
                    + "why, and no longer counts for attribution, tracing or entities.",
            footer = {"", "Example:", "  ./chaintrail labels retract --chain ethereum 0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff "
                    + "--label 'OFAC SDN' --reason 'delisted 2025-01-15' --by 'A. Analyst'"})
    static final class Retract implements Callable<Integer> {
        @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "The chain.")
        String chain;

        @Parameters(paramLabel = "ADDRESS", description = "The address.")
        String address;

        @Option(names = "--label", required = true, paramLabel = "TEXT", description = "The label's text, exactly.")
        String label;

        @Option(names = "--source", paramLabel = "SOURCE", description = "Only the label from this source.")
        String source;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is retracted.")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who retracts (default: the OS user name).")
        String by;

        @Mixin
        GraphOptions graph;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Chain c = Chain.of(chain);
            Retraction retraction = new Retraction(by == null ? defaultUser() : by, Instant.now(), reason);
            try (var connection = graph.open()) {
                List<Label> retracted = connection.store().labels()
                        .retract(c, address, label, Optional.ofNullable(source), retraction);
                if (retracted.isEmpty()) {
                    spec.commandLine().getErr().println("error: " + c.id() + " " + address + " carries no active label '" + label + "'"
                            + (source == null ? "" : " from " + source));
                    return 1;
                }
                retracted.forEach(l -> System.out.println("retracted '" + l.label() + "' (" + l.source() + ") from "
                        + c.canonicalAddress(address)));
                resolve(connection.store(), c);
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every label ever attached to an address, with who added or retracted it, when, and the "
                    + "file or the reason, in time order.",
            footer = {"", "Example:", "  ./chaintrail labels history --chain bitcoin 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"})
    static final class History implements Callable<Integer> {
        @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "The chain.")
        String chain;

        @Parameters(paramLabel = "ADDRESS", description = "The address.")
        String address;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            Chain c = Chain.of(chain);
            try (var connection = graph.open()) {
                var events = LabelAttachment.timeline(connection.store().labels().history(c, address));
                System.out.println(c.id() + " " + c.canonicalAddress(address) + ": " + events.size() + " event(s)");
                var table = new TextTable(List.of("time (UTC)", "action", "by", "label", "category/abuse", "source",
                        "confidence", "file or reason"));
                for (LabelAttachment.Event e : events) {
                    Label l = e.label();
                    table.row(e.at().toString(), e.action(), e.by(), l.label(),
                            l.category().or(l::abuse).orElse(""), l.source(), l.confidence().orElse(""), e.note());
                }
                System.out.print(table.render());
            }
            return 0;
        }
    }
}
