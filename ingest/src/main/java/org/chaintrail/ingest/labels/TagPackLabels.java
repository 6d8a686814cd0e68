package org.chaintrail.ingest.labels;

import java.util.Optional;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.TagDetails;

/**
 * The labels of a <a href="https://github.com/graphsense/graphsense-tagpacks">GraphSense
 * TagPack</a>. A tag inherits every field it does not set from the header. Every field the TagPack
 * schema defines is kept: the header's {@code title}, {@code creator}, {@code description},
 * {@code owner}, {@code is_public} and {@code lastmod} on the {@link LabelFile}; a tag's
 * {@code label}, {@code category}, {@code abuse}, {@code actor}, {@code source} and
 * {@code confidence} in its {@link Label}, and {@code context}, {@code tx_hash}, {@code lastmod},
 * {@code is_cluster_definer}, {@code currency}, {@code network}, {@code tag_type} and
 * {@code concepts} in its {@link TagDetails}.
 *
 * <p>{@code category}, {@code abuse} and {@code concepts} must be concepts of the GraphSense
 * taxonomy and {@code confidence} one of its levels ({@link Taxonomy}); a missing confidence is
 * allowed (some published packs have none).
 */
final class TagPackLabels {
    private TagPackLabels() {
    }

    static LabelFile file(TagPack pack, String sha256) {
        return new LabelFile(sha256, pack.source(), LabelFormat.TAGPACK.id(), header(pack, "title"),
                header(pack, "creator"), header(pack, "description"), header(pack, "owner"),
                header(pack, "is_public"), header(pack, "lastmod"));
    }

    static ParsedFile parse(TagPack pack, LabelFile file) {
        ParsedFile.Builder out = new ParsedFile.Builder(pack.source());
        for (TagPack.Tag tag : pack.tags()) {
            Optional<String> address = pack.valueOf(tag, "address");
            Optional<String> label = pack.valueOf(tag, "label");
            Optional<String> currency = pack.valueOf(tag, "currency");
            Optional<String> network = pack.valueOf(tag, "network");
            boolean complete = require(out, tag, "address", address) & require(out, tag, "label", label);
            if (currency.isEmpty() && network.isEmpty()) {
                out.problem(tag.line(), "currency", "", "missing (neither the tag nor the pack header sets it)");
                complete = false;
            }
            if (!complete) {
                continue;
            }
            Optional<Chain> chain = Currencies.chainOf(currency.orElse(network.orElse("")), network, address.get());
            if (chain.isEmpty()) {
                out.skip(currency.orElse(network.orElse("")));
                continue;
            }
            Label attribution = new Label(label.get(), pack.valueOf(tag, "category"), pack.valueOf(tag, "abuse"),
                    pack.valueOf(tag, "actor"), pack.valueOf(tag, "source").orElse(""),
                    pack.valueOf(tag, "confidence"));
            TagDetails details = new TagDetails(pack.valueOf(tag, "context"), pack.valueOf(tag, "tx_hash"),
                    pack.valueOf(tag, "lastmod"), pack.valueOf(tag, "is_cluster_definer"), currency, network,
                    pack.valueOf(tag, "tag_type"), pack.listOf(tag, "concepts"));
            out.add(tag.line(), chain.get(), address.get(), attribution, details);
        }
        return out.build(file);
    }

    private static boolean require(ParsedFile.Builder out, TagPack.Tag tag, String field, Optional<String> value) {
        if (value.isEmpty()) {
            out.problem(tag.line(), field, "", "missing (neither the tag nor the pack header sets it)");
        }
        return value.isPresent();
    }

    private static Optional<String> header(TagPack pack, String field) {
        return Optional.ofNullable(pack.header().get(field));
    }
}
