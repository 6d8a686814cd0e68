package org.chaintrail.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.ingest.labels.TagPackImporter;
import org.chaintrail.model.Chain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "labels", description = "Manage attribution labels.", mixinStandardHelpOptions = true,
        subcommands = LabelsCommand.Import.class)
final class LabelsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import GraphSense TagPack YAML files, then refresh entities.",
            footer = {"", "Example:", "  ./chaintrail labels import ../shared/data/labels/graphsense-tagpacks/packs/exchange-wallets-binance.yaml"})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "TagPack YAML files.")
        List<Path> files;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                var report = new TagPackImporter(connection.store()).importFiles(files);
                System.out.println("imported " + files.size() + " TagPack file(s) into " + connection.description());
                System.out.println("  " + report.describe());
                System.out.println("  " + new EntityResolver(connection.store(), Chain.ETHEREUM).resolve().describe());
            }
            return 0;
        }
    }
}
