package org.chaintrail.export;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * The traced subgraph as GraphML, which Gephi, yEd and Cytoscape open: one node per address on a
 * tainted flow (its role: seed, endpoint, holder or intermediate; its entity and category), one
 * directed edge per flow, from payer to payee as on chain, with the transaction hash, block, time,
 * amount, tainted amount and hop. Nodes are sorted by address and edges follow the flows, so the
 * same result gives the same file.
 */
public final class TraceGraphMl {
    private static final String NS = "http://graphml.graphdrawing.org/xmlns";

    private TraceGraphMl() {
    }

    public static String render(TraceResult r) {
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        Set<String> seeds = new TreeSet<>(r.parameters().seeds());
        for (TraceResult.Flow f : r.flows()) {
            nodes.computeIfAbsent(f.from(), a -> node("intermediate"));
            nodes.computeIfAbsent(f.to(), a -> node("intermediate"));
        }
        seeds.forEach(s -> nodes.computeIfAbsent(s, a -> node("seed")).put("role", "seed"));
        r.holders().forEach(h -> {
            Map<String, String> n = nodes.computeIfAbsent(h.address(), a -> node("holder"));
            n.put("role", "holder");
            n.put("tainted", h.taintedAmount());
        });
        r.endpoints().forEach(e -> {
            Map<String, String> n = nodes.computeIfAbsent(e.address(), a -> node("endpoint"));
            n.put("role", "endpoint");
            n.put("tainted", e.taintedAmount());
            n.put("entity", e.entity() == null ? "" : e.entity().name());
            n.put("category", e.category() == null ? "" : e.category());
        });
        try {
            StringWriter text = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("graphml");
            x.writeDefaultNamespace(NS);
            x.writeCharacters("\n");
            key(x, "role", "node", "string");
            key(x, "entity", "node", "string");
            key(x, "category", "node", "string");
            key(x, "tainted", "node", "string");
            key(x, "tx_hash", "edge", "string");
            key(x, "block", "edge", "long");
            key(x, "timestamp", "edge", "string");
            key(x, "asset", "edge", "string");
            key(x, "amount", "edge", "string");
            key(x, "tainted_amount", "edge", "string");
            key(x, "hop", "edge", "int");
            x.writeStartElement("graph");
            x.writeAttribute("id", "trace");
            x.writeAttribute("edgedefault", "directed");
            x.writeCharacters("\n");
            for (Map.Entry<String, Map<String, String>> n : nodes.entrySet()) {
                x.writeStartElement("node");
                x.writeAttribute("id", n.getKey());
                for (Map.Entry<String, String> d : n.getValue().entrySet()) {
                    data(x, d.getKey(), d.getValue());
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            int i = 0;
            for (TraceResult.Flow f : r.flows()) {
                x.writeStartElement("edge");
                x.writeAttribute("id", "f" + i++);
                x.writeAttribute("source", f.from());
                x.writeAttribute("target", f.to());
                data(x, "tx_hash", f.txHash());
                data(x, "block", String.valueOf(f.blockNumber()));
                data(x, "timestamp", f.timestamp());
                data(x, "asset", f.asset());
                data(x, "amount", f.amount());
                data(x, "tainted_amount", f.taintedAmount());
                data(x, "hop", String.valueOf(f.hop()));
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
            return text.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write GraphML", e);
        }
    }

    private static Map<String, String> node(String role) {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("role", role);
        return n;
    }

    private static void key(XMLStreamWriter x, String name, String scope, String type) throws XMLStreamException {
        x.writeEmptyElement("key");
        x.writeAttribute("id", name);
        x.writeAttribute("for", scope);
        x.writeAttribute("attr.name", name);
        x.writeAttribute("attr.type", type);
        x.writeCharacters("\n");
    }

    private static void data(XMLStreamWriter x, String key, String value) throws XMLStreamException {
        x.writeStartElement("data");
        x.writeAttribute("key", key);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
