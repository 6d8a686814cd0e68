package org.chaintrail.ingest.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelAttachment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OFAC SDN lists from 0xB10C/ofac-sanctioned-digital-currency-addresses@f2aee22 (shared/data MANIFEST
 * item L1, snapshot of 2024-09-27), and a small sdn.xml written here in OFAC's format.
 */
class OfacImportTest {
    private static final Path OFAC = SharedData.path("labels/ofac");
    private static final Label SDN = new Label("OFAC SDN", Optional.empty(), Optional.of("sanction"), Optional.empty(),
            "https://sanctionslist.ofac.treas.gov/Home/SdnList", Optional.of("authority_data"));

    @TempDir
    Path temp;

    private GraphStore store;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private LabelImportResult importFiles(Path... files) {
        return TestImports.run(store, false, Instant.parse("2026-03-02T10:15:30Z"), files);
    }

    @Test
    void importFiles_allOfacLists_exactCountsPerChainAndOtherCurrenciesCounted() throws IOException {
        Path[] lists;
        try (Stream<Path> files = Files.list(OFAC)) {
            lists = files.filter(p -> p.toString().endsWith(".txt")).sorted().toArray(Path[]::new);
        }

        LabelImportResult result = importFiles(lists);

        // OFAC lists one Tron address among its XBT addresses: it is no Bitcoin address, and is refused.
        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "sanctioned_addresses_XBT.txt line 355, field address, value 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq': "
                        + "not a Bitcoin mainnet address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq': wrong version 0x41, "
                        + "expected 0x00 (P2PKH) or 0x05 (P2SH)");
        // XBT 435 + ETH 152 + USDT 26 + TRX 6 + USDC 2 + ARB 1 + BSC 1 rows on chains the graph holds,
        // less that one.
        assertThat(result.labelsRead()).isEqualTo(622);
        assertThat(result.skippedByCurrency()).containsExactly(Map.entry("BCH", 7L), Map.entry("BSV", 1L),
                Map.entry("BTG", 1L), Map.entry("DASH", 3L), Map.entry("ETC", 1L), Map.entry("LTC", 10L),
                Map.entry("XMR", 3L), Map.entry("XRP", 1L), Map.entry("XVG", 1L), Map.entry("ZEC", 3L));
        // USDT's 26: 8 on Ethereum, 11 on Tron, 7 Omni addresses on Bitcoin. Some addresses are on
        // two lists (ETH and USDT, XBT and USDT): one label each.
        assertThat(store.labels().active(Chain.BITCOIN)).hasSize(434 + 7 - 4);
        assertThat(store.labels().active(Chain.ETHEREUM)).hasSize(156);
        assertThat(store.labels().active(Chain.TRON)).hasSize(6 + 11);
        assertThat(store.labels().active(Chain.ARBITRUM)).hasSize(1);
        assertThat(store.labels().active(Chain.BSC)).hasSize(1);
        assertThat(result.attached()).isEqualTo(437 + 156 + 17 + 1 + 1);
        // 0x175d…b92c is written in EIP-55 case in the list.
        assertThat(store.attributions(Chain.ETHEREUM, List.of("0x175d44451403edf28469df03a9280c1197adb92c"))
                .get("0x175d44451403edf28469df03a9280c1197adb92c").labels()).containsExactly(SDN);
        assertThat(store.attributions(Chain.TRON, List.of("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre"))
                .get("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre").isTerminal()).isTrue();
    }

    @Test
    void importFiles_listWithABadAddress_reportedWithLineAndTheRestLoads() throws IOException {
        Path list = Files.writeString(temp.resolve("sanctioned_addresses_XBT.txt"),
                "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX\n123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KY\n\n31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa\n");

        LabelImportResult result = importFiles(list);

        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "sanctioned_addresses_XBT.txt line 2, field address, value '123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KY': not "
                        + "a Bitcoin mainnet address: '123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KY': bad checksum");
        assertThat(store.labels().active(Chain.BITCOIN)).extracting(a -> a.target().address())
                .containsExactly("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX", "31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa");
    }

    @Test
    void importFiles_sdnXml_namesUidsProgramsAndEveryCurrency() throws IOException {
        // OFAC's sdn.xml shape: entries with uid, names, type, programs and ids. Entry 1 has
        // addresses on four currencies (XMR is not a chain the graph holds); entry 2, a person, one
        // good and one mistyped address; entry 3 no digital currency at all.
        Path xml = Files.writeString(temp.resolve("sdn.xml"), """
                <?xml version="1.0" standalone="yes"?>
                <sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://tempuri.org/sdnList.xsd">
                  <publshInformation>
                    <Publish_Date>09/27/2024</Publish_Date>
                    <Record_Count>3</Record_Count>
                  </publshInformation>
                  <sdnEntry>
                    <uid>50001</uid>
                    <lastName>MEKONG TRADING GROUP</lastName>
                    <sdnType>Entity</sdnType>
                    <programList>
                      <program>CYBER2</program>
                      <program>TCO</program>
                    </programList>
                    <idList>
                      <id>
                        <uid>61001</uid>
                        <idType>Digital Currency Address - XBT</idType>
                        <idNumber>bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw</idNumber>
                      </id>
                      <id>
                        <uid>61002</uid>
                        <idType>Digital Currency Address - ETH</idType>
                        <idNumber>0x175d44451403Edf28469dF03A9280c1197ADb92c</idNumber>
                      </id>
                      <id>
                        <uid>61003</uid>
                        <idType>Digital Currency Address - USDT</idType>
                        <idNumber>TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre</idNumber>
                      </id>
                      <id>
                        <uid>61004</uid>
                        <idType>Digital Currency Address - XMR</idType>
                        <idNumber>4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge</idNumber>
                      </id>
                      <id>
                        <uid>61005</uid>
                        <idType>Registration Number</idType>
                        <idNumber>12345</idNumber>
                      </id>
                    </idList>
                  </sdnEntry>
                  <sdnEntry>
                    <uid>50002</uid>
                    <firstName>Somchai</firstName>
                    <lastName>PRASERT</lastName>
                    <sdnType>Individual</sdnType>
                    <programList>
                      <program>TCO</program>
                    </programList>
                    <idList>
                      <id>
                        <uid>61006</uid>
                        <idType>Digital Currency Address - XBT</idType>
                        <idNumber>123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX</idNumber>
                      </id>
                      <id>
                        <uid>61007</uid>
                        <idType>Digital Currency Address - XBT</idType>
                        <idNumber>bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq</idNumber>
                      </id>
                    </idList>
                    <akaList>
                      <aka>
                        <uid>70001</uid>
                        <type>a.k.a.</type>
                        <category>weak</category>
                        <lastName>PRASERT, Sam</lastName>
                      </aka>
                    </akaList>
                  </sdnEntry>
                  <sdnEntry>
                    <uid>50003</uid>
                    <lastName>HARBOR SHIPPING LTD</lastName>
                    <sdnType>Entity</sdnType>
                    <programList><program>SDGT</program></programList>
                  </sdnEntry>
                </sdnList>
                """);

        LabelImportResult result = importFiles(xml);

        assertThat(result.files().get(0).format()).isEqualTo("ofac-xml");
        assertThat(result.files().get(0).lastmod()).contains("09/27/2024");
        assertThat(result.problems()).extracting(BadRow::describe).containsExactly(
                "sdn.xml line 60, field address, value 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq': not a Bitcoin "
                        + "mainnet address: 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq': bad checksum");
        assertThat(result.skippedByCurrency()).containsExactly(Map.entry("XMR", 1L));
        assertThat(result.labelsRead()).isEqualTo(4);
        Label mekong = new Label("OFAC SDN: MEKONG TRADING GROUP", Optional.empty(), Optional.of("sanction"),
                Optional.of("ofac_sdn_50001"), "https://sanctionslist.ofac.treas.gov/Home/SdnList",
                Optional.of("authority_data"));
        assertThat(store.labels().active(Chain.BITCOIN)).extracting(a -> a.target().address() + " " + a.target().label().label())
                .containsExactly("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX OFAC SDN: PRASERT, Somchai",
                        "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw OFAC SDN: MEKONG TRADING GROUP");
        LabelAttachment eth = store.labels().active(Chain.ETHEREUM).get(0);
        assertThat(eth.target().address()).isEqualTo("0x175d44451403edf28469df03a9280c1197adb92c");
        assertThat(eth.target().label()).isEqualTo(mekong);
        assertThat(eth.details().context())
                .contains("{\"ofac_uid\":\"50001\",\"sdn_type\":\"Entity\",\"programs\":[\"CYBER2\",\"TCO\"]}");
        assertThat(store.labels().active(Chain.TRON)).extracting(a -> a.target().label()).containsExactly(mekong);
    }
}
