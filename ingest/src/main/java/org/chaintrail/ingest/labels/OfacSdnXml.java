package org.chaintrail.ingest.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.TagDetails;

/**
 * OFAC's SDN list as XML ({@code sdn.xml}, namespace {@code http://tempuri.org/sdnList.xsd}):
 * {@code <sdnEntry>} elements with {@code uid}, {@code lastName} (and {@code firstName} for
 * people), {@code sdnType}, {@code programList/program} and {@code idList/id}, where an
 * {@code idType} of {@code Digital Currency Address - XBT} (or ETH, USDT, ...) makes its
 * {@code idNumber} an address. Each address gets the label {@code OFAC SDN: <name>}, abuse
 * {@code sanction}, confidence {@code authority_data}, actor {@code ofac_sdn_<uid>} and a JSON
 * context with the entry's uid, type and programs. The header's {@code Publish_Date} becomes the
 * file's {@code lastmod}. Read as a stream: the list is tens of MB. DTDs and external entities are
 * refused.
 */
final class OfacSdnXml {
    private static final String ADDRESS_ID = "Digital Currency Address - ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfacSdnXml() {
    }

    /** One digital-currency id of an entry, with the line it is on. */
    private record Id(String type, String number, long line) {
    }

    /** What an sdnEntry says, gathered while it is read. */
    private static final class Entry {
        String uid = "";
        String firstName = "";
        String lastName = "";
        String type = "";
        final List<String> programs = new ArrayList<>();
        final List<Id> ids = new ArrayList<>();
        String idType = "";
        String idNumber = "";
        long idLine;

        String name() {
            return firstName.isBlank() ? lastName.strip() : lastName.strip() + ", " + firstName.strip();
        }
    }

    static ParsedFile parse(String name, byte[] bytes, String sha256) {
        ParsedFile.Builder out = new ParsedFile.Builder(name);
        String published = null;
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            Deque<String> path = new ArrayDeque<>();
            Entry entry = null;
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    path.push(element);
                    text.setLength(0);
                    if (element.equals("sdnEntry")) {
                        entry = new Entry();
                    } else if (entry != null && element.equals("id")) {
                        entry.idType = "";
                        entry.idNumber = "";
                    } else if (entry != null && element.equals("idNumber")) {
                        entry.idLine = xml.getLocation().getLineNumber();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String element = path.pop();
                    String parent = path.isEmpty() ? "" : path.peek();
                    String value = text.toString().strip();
                    text.setLength(0);
                    if (element.equals("Publish_Date")) {
                        published = value;
                    } else if (entry != null) {
                        switch (element) {
                            case "uid" -> {
                                if (parent.equals("sdnEntry")) {
                                    entry.uid = value;
                                }
                            }
                            case "firstName" -> entry.firstName = parent.equals("sdnEntry") ? value : entry.firstName;
                            case "lastName" -> entry.lastName = parent.equals("sdnEntry") ? value : entry.lastName;
                            case "sdnType" -> entry.type = value;
                            case "program" -> entry.programs.add(value);
                            case "idType" -> entry.idType = value;
                            case "idNumber" -> entry.idNumber = value;
                            case "id" -> {
                                if (entry.idType.startsWith(ADDRESS_ID)) {
                                    entry.ids.add(new Id(entry.idType.substring(ADDRESS_ID.length()).strip(),
                                            entry.idNumber, entry.idLine));
                                }
                            }
                            case "sdnEntry" -> {
                                addresses(out, entry);
                                entry = null;
                            }
                            default -> {
                            }
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            out.problem(line, "file", "", "malformed XML: " + e.getMessage());
        }
        return out.build(new LabelFile(sha256, name, LabelFormat.OFAC_XML.id(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(published)));
    }

    private static void addresses(ParsedFile.Builder out, Entry entry) {
        if (entry.ids.isEmpty()) {
            return;
        }
        Label named = OfacLists.label(Optional.of(entry.name()));
        Label label = new Label(named.label(), named.category(), named.abuse(), Optional.of("ofac_sdn_" + entry.uid),
                named.source(), named.confidence());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("ofac_uid", entry.uid);
        context.put("sdn_type", entry.type);
        context.put("programs", entry.programs);
        String json;
        try {
            json = JSON.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes as JSON", e);
        }
        for (Id id : entry.ids) {
            String currency = Currencies.normalise(id.type());
            Optional<Chain> chain = Currencies.chainOf(currency, Optional.empty(), id.number());
            if (chain.isEmpty()) {
                out.skip(currency);
                continue;
            }
            TagDetails details = new TagDetails(Optional.of(json), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(currency), Optional.empty(), Optional.empty(), List.of());
            out.add(id.line(), chain.get(), id.number(), label, details);
        }
    }
}
