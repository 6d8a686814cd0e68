package org.chaintrail.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The printable report of the demo case, parsed back as XML and read like a person would read it. */
class CaseReportTest {
    private static CaseDossier dossier;
    private static String html;
    private static Document doc;

    @BeforeAll
    static void render() throws Exception {
        dossier = DemoCase.build(DemoGraph.load());
        html = CaseReport.render(dossier);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        doc = xml.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        // For a person to open in a browser and print.
        Path out = Path.of("target", "demo-case-report.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
    }

    @Test
    void render_demoCase_wellFormedSelfContainedPage() {
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("link").getLength()).isZero();
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
        assertThat(html).doesNotContain("src=\"", "href=\"http", "url(http", "@import");
        assertThat(doc.getElementsByTagName("style").item(0).getTextContent()).contains("@media print", "@page");
    }

    @Test
    void render_demoCase_everyFlowsHashBlockAndTimeInItsTable() {
        List<List<String>> rows = rows();
        for (CaseDossier.SavedTrace t : dossier.traces()) {
            assertThat(t.result().flows()).isNotEmpty();
            for (TraceResult.Flow f : t.result().flows()) {
                assertThat(rows).as(f.txHash()).anySatisfy(r -> assertThat(r).contains(String.valueOf(f.hop()),
                        String.valueOf(f.blockNumber()), f.timestamp(), f.txHash(), f.amount(), f.taintedAmount()));
            }
        }
    }

    @Test
    void render_demoCase_everyEndpointWithItsAmountAndEntity() {
        List<List<String>> rows = rows();
        for (CaseDossier.SavedTrace t : dossier.traces()) {
            assertThat(t.result().endpoints()).isNotEmpty();
            for (TraceResult.Endpoint e : t.result().endpoints()) {
                assertThat(rows).as(e.address()).anySatisfy(r -> assertThat(r).contains(e.entity().name(), e.category(),
                        e.address(), e.taintedAmount(), e.shareOfSeedFlow()));
            }
        }
        List<String> fogmix = rows.stream().filter(r -> r.size() == 7 && r.get(2).equals(address("fogmix"))).findFirst()
                .orElseThrow();
        assertThat(fogmix.subList(0, 4)).containsExactly("FogMix", "mixing_service", address("fogmix"), "16000");
        assertThat(fogmix.get(5)).isEqualTo("label");
    }

    @Test
    void render_demoCase_parametersSnapshotAndSummaryOfEachTrace() {
        List<List<String>> rows = rows();
        for (CaseDossier.SavedTrace t : dossier.traces()) {
            TraceResult.Parameters p = t.result().parameters();
            assertThat(rows).contains(List.of("Direction", p.direction()), List.of("Taint model", p.model()),
                    List.of("Hop limit", p.maxHops() + " transfers from the nearest seed"),
                    List.of("Window", "the whole chain"), List.of("Stop at", String.join(", ", p.stopAt())),
                    List.of("Seeds (3)", String.join("", p.seeds())));
            TraceMethod.snapshot(t.result()).forEach((chain, block) ->
                    assertThat(rows).contains(List.of(chain, String.valueOf(block))));
            String flow = p.direction().equals("forward") ? "The seeds sent to other addresses"
                    : "The seeds received from other addresses";
            assertThat(rows).contains(List.of(flow, t.result().summary().seedFlow() + " " + p.asset().symbol()));
            assertThat(rows).contains(List.of("Tainted transfers followed", String.valueOf(t.result().summary().flowCount())));
        }
        assertThat(text()).contains("Haircut (proportional) model", "Backward: where did the seeds' funds come from");
    }

    @Test
    void render_hostileNote_escapedAndShownAsTyped() {
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;");
        List<String> notes = new ArrayList<>();
        NodeList divs = doc.getElementsByTagName("div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element div = (Element) divs.item(i);
            if (div.getAttribute("class").equals("note")) {
                notes.add(div.getTextContent());
            }
        }
        assertThat(notes).containsExactly(dossier.notes().get(0).text(), DemoCase.HOSTILE_NOTE);
    }

    @Test
    void text_controlCharactersAndMarkup_safeForXml() {
        assertThat(Markup.text("a\u0001b<c>&\"'\ttab\ud83d\ude00")).isEqualTo("a\uFFFDb&lt;c&gt;&amp;&quot;&#39;\ttab\ud83d\ude00");
        assertThat(Markup.text("lone \ud800 surrogate")).isEqualTo("lone \uFFFD surrogate");
    }

    @Test
    void render_newCaseWithNothingInIt_saysSoAndParses() throws Exception {
        CaseDossier empty = new CaseDossier("C-1", "New case", null, "analyst-a", "2026-11-22T10:00:00Z", List.of(),
                List.of(), List.of());

        String page = CaseReport.render(empty);

        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.getDocumentElement().getTextContent()).contains("Case C-1: New case",
                "0 saved trace(s)", "No address was added to the case.", "No notes.");
    }

    @Test
    void render_sameDossierTwice_sameBytes() {
        assertThat(CaseReport.render(dossier)).isEqualTo(html);
    }

    @Test
    void render_demoCase_graphOfEveryAddressSeedsLeftEndpointsRight() {
        NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertThat(svgs.getLength()).isEqualTo(dossier.traces().size());
        for (int i = 0; i < svgs.getLength(); i++) {
            TraceResult r = dossier.traces().get(i).result();
            Element svg = (Element) svgs.item(i);
            NodeList groups = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
            assertThat(groups.getLength()).isEqualTo(TraceSvg.nodeCount(r));
            Set<Integer> seedX = new HashSet<>();
            Set<Integer> endpointX = new HashSet<>();
            int maxX = 0;
            for (int g = 0; g < groups.getLength(); g++) {
                Element group = (Element) groups.item(g);
                String title = group.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
                int x = Integer.parseInt(((Element) group.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect")
                        .item(0)).getAttribute("x"));
                maxX = Math.max(maxX, x);
                if (title.contains(", seed")) {
                    seedX.add(x);
                }
                if (title.contains("endpoint:")) {
                    endpointX.add(x);
                }
            }
            assertThat(seedX).containsExactly(8);
            assertThat(endpointX).containsExactly(maxX);
            NodeList paths = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
            long pairs = r.flows().stream().map(f -> f.from() + " " + f.to()).distinct().count();
            assertThat(paths.getLength()).isEqualTo(pairs + 1); // and the arrow head
        }
    }

    /** Every table row's cells, as text. */
    private static List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = doc.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            NodeList children = trs.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (children.item(c) instanceof Element cell) {
                    cells.add(cell.getTextContent());
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String text() {
        return doc.getDocumentElement().getTextContent();
    }
}
