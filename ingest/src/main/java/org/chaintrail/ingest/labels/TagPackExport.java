package org.chaintrail.ingest.labels;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.TagDetails;

/**
 * Writes a chain's active (unretracted) labels as a GraphSense TagPack, for a partner whose tools
 * read TagPacks. The header has {@code title}, {@code creator}, {@code description},
 * {@code lastmod} (the day of the latest attachment) and {@code is_public: false}; each tag its
 * {@code address}, {@code currency} and {@code network}, {@code label}, {@code category},
 * {@code abuse}, {@code actor}, {@code source}, {@code confidence}, and the {@code context},
 * {@code tx_hash}, {@code is_cluster_definer} and {@code concepts} it was imported with; its
 * {@code lastmod} is the imported one, else the day the label was attached here. Tags are in address order, then label; every string is double-quoted YAML, so the same
 * labels give the same bytes, and importing the file gives the same labels back.
 *
 * <p>{@code currency} is the chain's coin ({@code BTC}, {@code ETH}, {@code TRX}), or the token a
 * tag was imported with ({@code USDT}); {@code network} always names the chain, so a token tag
 * comes back on the chain it left.
 *
 * @param title       the header's title
 * @param creator     the header's creator (the agency that shares the labels)
 * @param description the header's description
 */
public record TagPackExport(String title, String creator, String description) {
    public TagPackExport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The TagPack of a chain's active labels.
     *
     * @param store the graph
     * @param chain the chain
     * @return the YAML text
     */
    public String write(GraphStore store, Chain chain) {
        List<LabelAttachment> labels = store.labels().active(chain);
        StringBuilder y = new StringBuilder();
        field(y, "", "title", Optional.of(title));
        field(y, "", "creator", Optional.of(creator));
        field(y, "", "description", Optional.of(description));
        labels.stream().map(TagPackExport::day).max(String::compareTo)
                .ifPresent(day -> y.append("lastmod: ").append(day).append('\n'));
        y.append("is_public: false\n");
        y.append(labels.isEmpty() ? "tags: []\n" : "tags:\n");
        for (LabelAttachment a : labels) {
            Label l = a.target().label();
            TagDetails d = a.details();
            String network = Currencies.codeOf(chain);
            String currency = d.currency().filter(c -> Currencies.chainOf(c, Optional.empty(), "").isEmpty()
                    && !Currencies.normalise(c).equals(network)).orElse(network);
            field(y, "- ", "address", Optional.of(a.target().address()));
            field(y, "  ", "currency", Optional.of(currency));
            field(y, "  ", "network", Optional.of(network));
            field(y, "  ", "label", Optional.of(l.label()));
            field(y, "  ", "category", l.category());
            field(y, "  ", "abuse", l.abuse());
            field(y, "  ", "actor", l.actor());
            field(y, "  ", "source", Optional.of(l.source()));
            field(y, "  ", "confidence", l.confidence());
            field(y, "  ", "context", d.context());
            field(y, "  ", "tx_hash", d.txHash());
            // Explicit on every tag: a tag without one would inherit the header's on import.
            field(y, "  ", "lastmod", d.lastmod().or(() -> Optional.of(day(a))));
            d.clusterDefiner().filter(v -> v.equals("true") || v.equals("false"))
                    .ifPresent(v -> y.append("  is_cluster_definer: ").append(v).append('\n'));
            if (!d.concepts().isEmpty()) {
                y.append("  concepts:\n");
                d.concepts().forEach(c -> y.append("  - ").append(quoted(c)).append('\n'));
            }
        }
        return y.toString();
    }

    /** The day an attachment was made, as a TagPack lastmod. */
    private static String day(LabelAttachment a) {
        return a.added().at().toString().substring(0, 10);
    }

    private static void field(StringBuilder y, String indent, String name, Optional<String> value) {
        value.ifPresent(v -> y.append(indent).append(name).append(": ").append(quoted(v)).append('\n'));
    }

    /** A YAML double-quoted scalar: any text, line breaks and control characters escaped. */
    static String quoted(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\x%02x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
