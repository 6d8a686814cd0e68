package org.chaintrail.ingest.labels;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaintrail.model.Chain;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.TagDetails;

/**
 * OFAC SDN digital-currency address lists as 0xB10C/ofac-sanctioned-digital-currency-addresses
 * publishes them: {@code sanctioned_addresses_<CUR>.txt}, one address a line, the currency code
 * (OFAC's, {@code XBT} for Bitcoin) in the file name. Each address gets the label
 * {@value #LABEL}, abuse {@code sanction}, confidence {@code authority_data} and the SDN list as
 * its source. The lists carry no names; {@link OfacSdnXml} reads the XML they are made from, with
 * the name and uid of each SDN entry.
 */
final class OfacLists {
    static final String LABEL = "OFAC SDN";
    static final String SOURCE = "https://sanctionslist.ofac.treas.gov/Home/SdnList";
    private static final Pattern NAME = Pattern.compile("sanctioned_addresses_([A-Za-z0-9]+)\\.txt");

    private OfacLists() {
    }

    /** The sanction label, named after the SDN entry when the source gives one. */
    static Label label(Optional<String> entry) {
        return new Label(entry.map(n -> LABEL + ": " + n).orElse(LABEL), Optional.empty(), Optional.of("sanction"),
                Optional.empty(), SOURCE, Optional.of(ConfidenceLevel.AUTHORITY_DATA.id()));
    }

    static ParsedFile parse(String name, byte[] bytes, String sha256) {
        ParsedFile.Builder out = new ParsedFile.Builder(name);
        LabelFile file = LabelFile.of(sha256, name, LabelFormat.OFAC.id());
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            out.problem(0, "file name", name, "cannot tell the currency: an OFAC list is named "
                    + "sanctioned_addresses_<CURRENCY>.txt");
            return out.build(file);
        }
        String currency = Currencies.normalise(m.group(1));
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String address = lines[i].strip();
            if (address.isEmpty() || address.startsWith("#")) {
                continue;
            }
            Optional<Chain> chain = Currencies.chainOf(currency, Optional.empty(), address);
            if (chain.isEmpty()) {
                out.skip(currency);
                continue;
            }
            TagDetails details = new TagDetails(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(currency), Optional.empty(), Optional.empty(), java.util.List.of());
            out.add(i + 1, chain.get(), address, label(Optional.empty()), details);
        }
        return out.build(file);
    }
}
