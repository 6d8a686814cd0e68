package org.chaintrail.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TraceExportTest {
    private static TraceResult result;

    @BeforeAll
    static void trace() {
        var demo = DemoGraph.load();
        result = new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "forward", "haircut", 10)
                .run(demo.graph().store());
    }

    @Test
    void csv_demoTrace_oneRowPerFlowWithEndpointEntities() {
        String csv = TraceCsv.render(result);
        String[] lines = csv.split("\r\n");

        assertThat(lines[0]).isEqualTo("hop,block,timestamp,tx_hash,from,from_entity,from_category,to,to_entity,"
                + "to_category,asset,amount,tainted_amount");
        assertThat(lines).hasSize(result.flows().size() + 1);
        assertThat(csv).contains("," + address("fogmix") + ",FogMix,mixing_service,USDT,20000,16000\r\n");
        assertThat(TraceCsv.render(result)).isEqualTo(csv);
    }

    @Test
    void quote_cellsWithCommasQuotesOrFormulas_escaped() {
        assertThat(TraceCsv.quote("Harbor, Inc.")).isEqualTo("\"Harbor, Inc.\"");
        assertThat(TraceCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TraceCsv.quote("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(TraceCsv.quote("-12.5")).isEqualTo("-12.5");
    }

    @Test
    void graphMl_demoTrace_parsesWithEveryFlowAndRoles() throws Exception {
        String xml = TraceGraphMl.render(result);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        NodeList edges = doc.getElementsByTagName("edge");
        assertThat(edges.getLength()).isEqualTo(result.flows().size());
        NodeList nodes = doc.getElementsByTagName("node");
        int endpoints = 0;
        int seeds = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            String role = n.getElementsByTagName("data").item(0).getTextContent();
            endpoints += role.equals("endpoint") ? 1 : 0;
            seeds += role.equals("seed") ? 1 : 0;
        }
        assertThat(endpoints).isEqualTo(5);
        assertThat(seeds).isEqualTo(3);
        assertThat(xml).contains("<data key=\"entity\">Mekong OTC Desk</data>");
        assertThat(TraceGraphMl.render(result)).isEqualTo(xml);
    }
}
