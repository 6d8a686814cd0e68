package org.chaintrail.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a TagPack tag that describe this one attachment of a label to an address rather
 * than the attribution itself (which is the {@link Label}). Kept as the file wrote them, so that
 * an export gives them back.
 *
 * @param context        free text or JSON the tag carries ({@code context})
 * @param txHash         the transaction that shows the attribution ({@code tx_hash})
 * @param lastmod        when the tag was last changed at its source ({@code lastmod})
 * @param clusterDefiner whether the tag stands for the address's whole cluster
 *                       ({@code is_cluster_definer}: {@code true} or {@code false})
 * @param currency       the TagPack currency as written ({@code BTC}, {@code USDT})
 * @param network        the TagPack network as written, when the file names one
 * @param tagType        the TagPack {@code tag_type}
 * @param concepts       further concepts ({@code concepts}), in file order
 */
public record TagDetails(Optional<String> context, Optional<String> txHash, Optional<String> lastmod,
                         Optional<String> clusterDefiner, Optional<String> currency, Optional<String> network,
                         Optional<String> tagType, List<String> concepts) {
    /** No details: a label added by hand or from a list that has none. */
    public static final TagDetails NONE = new TagDetails(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public TagDetails {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(lastmod, "lastmod");
        Objects.requireNonNull(clusterDefiner, "clusterDefiner");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(tagType, "tagType");
        concepts = List.copyOf(concepts);
    }
}
