package org.chaintrail.graph;

import java.util.List;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/** The constraints and indexes of the graph, created idempotently at every start. */
final class GraphSchema {
    private GraphSchema() {
    }

    static final List<String> STATEMENTS = List.of(
            // Natural keys: every MERGE of an ingestor relies on one of these.
            "CREATE CONSTRAINT address_key IF NOT EXISTS FOR (a:Address) REQUIRE (a.chain, a.address) IS UNIQUE",
            "CREATE CONSTRAINT transfer_key IF NOT EXISTS FOR (t:Transfer) REQUIRE t.id IS UNIQUE",
            "CREATE CONSTRAINT block_key IF NOT EXISTS FOR (b:Block) REQUIRE (b.chain, b.number) IS UNIQUE",
            "CREATE CONSTRAINT asset_key IF NOT EXISTS FOR (s:Asset) REQUIRE (s.chain, s.contract) IS UNIQUE",
            "CREATE CONSTRAINT label_key IF NOT EXISTS FOR (l:Label) REQUIRE l.key IS UNIQUE",
            "CREATE CONSTRAINT label_file_key IF NOT EXISTS FOR (f:LabelFile) REQUIRE f.sha256 IS UNIQUE",
            "CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
            "CREATE CONSTRAINT checkpoint_key IF NOT EXISTS FOR (c:Checkpoint) REQUIRE c.chain IS UNIQUE",
            "CREATE CONSTRAINT cluster_state_key IF NOT EXISTS FOR (s:ClusterState) REQUIRE s.chain IS UNIQUE",
            "CREATE CONSTRAINT transaction_key IF NOT EXISTS FOR (t:Transaction) REQUIRE (t.chain, t.txid) IS UNIQUE",
            "CREATE CONSTRAINT approval_key IF NOT EXISTS FOR ()-[a:APPROVED]-() REQUIRE a.id IS UNIQUE",
            "CREATE CONSTRAINT watch_key IF NOT EXISTS FOR (w:Watch) REQUIRE w.id IS UNIQUE",
            "CREATE CONSTRAINT alert_key IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE",
            "CREATE CONSTRAINT webhook_key IF NOT EXISTS FOR (h:Webhook) REQUIRE h.key IS UNIQUE",
            // Cases (CaseStore): ids from one counter; within a case, an address or member once, trace ids once.
            "CREATE CONSTRAINT case_key IF NOT EXISTS FOR (c:Case) REQUIRE c.id IS UNIQUE",
            "CREATE CONSTRAINT case_counter_key IF NOT EXISTS FOR (n:CaseCounter) REQUIRE n.name IS UNIQUE",
            "CREATE CONSTRAINT case_address_key IF NOT EXISTS FOR (a:CaseAddress) REQUIRE (a.caseId, a.chain, a.address) IS UNIQUE",
            "CREATE CONSTRAINT case_member_key IF NOT EXISTS FOR (m:CaseMember) REQUIRE (m.caseId, m.name) IS UNIQUE",
            "CREATE CONSTRAINT case_note_key IF NOT EXISTS FOR (n:CaseNote) REQUIRE (n.caseId, n.seq) IS UNIQUE",
            "CREATE CONSTRAINT saved_trace_key IF NOT EXISTS FOR (t:SavedTrace) REQUIRE (t.caseId, t.id) IS UNIQUE",
            // Access and audit: keys by name, the audit log by seq, its one head.
            "CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE",
            "CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE",
            "CREATE CONSTRAINT audit_head_key IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE",
            // Lookups: evidence by transaction hash, assets by ticker, entities by kind.
            "CREATE INDEX transfer_tx IF NOT EXISTS FOR (t:Transfer) ON (t.txHash)",
            "CREATE INDEX transfer_asset IF NOT EXISTS FOR (t:Transfer) ON (t.chain, t.asset)",
            // A reorg rolls back a chain's transfers above a block.
            "CREATE INDEX transfer_block IF NOT EXISTS FOR (t:Transfer) ON (t.chain, t.blockNumber)",
            "CREATE INDEX transaction_block IF NOT EXISTS FOR (t:Transaction) ON (t.chain, t.blockNumber)",
            "CREATE INDEX approval_block IF NOT EXISTS FOR ()-[a:APPROVED]-() ON (a.chain, a.blockNumber)",
            // A UTXO tracer finds the transaction that spent an output by the input naming it.
            "CREATE INDEX input_spent IF NOT EXISTS FOR ()-[i:IN]-() ON (i.prevTxid)",
            "CREATE INDEX asset_symbol IF NOT EXISTS FOR (s:Asset) ON (s.chain, s.symbol)",
            "CREATE INDEX entity_category IF NOT EXISTS FOR (e:Entity) ON (e.category)",
            // Clustering: addresses by dense id and by cluster, a chain's cluster entities.
            "CREATE INDEX address_cid IF NOT EXISTS FOR (a:Address) ON (a.chain, a.cid)",
            "CREATE INDEX address_cluster IF NOT EXISTS FOR (a:Address) ON (a.chain, a.cluster)",
            "CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.chain)",
            // Watchlists: an ingest asks after every commit whether anyone watches its chain.
            "CREATE INDEX watch_chain IF NOT EXISTS FOR (w:Watch) ON (w.chain)",
            "CREATE INDEX watch_case IF NOT EXISTS FOR (w:Watch) ON (w.caseId)",
            "CREATE INDEX alert_case IF NOT EXISTS FOR (a:Alert) ON (a.caseId)",
            "CREATE INDEX alert_raised IF NOT EXISTS FOR (a:Alert) ON (a.raisedAt)",
            // Every API request looks its key up by hash (cached for seconds).
            "CREATE INDEX api_key_hash IF NOT EXISTS FOR (k:ApiKey) ON (k.hash)",
            // The search box: trigram text indexes serve CONTAINS on the lower-cased copies that every
            // write of a name or label text sets with toLower (see SearchCopy).
            "CREATE TEXT INDEX entity_search_name IF NOT EXISTS FOR (e:Entity) ON (e.searchName)",
            "CREATE TEXT INDEX label_search_text IF NOT EXISTS FOR (l:Label) ON (l.searchText)");

    /**
     * A lower-cased copy that a store written before it existed lacks, and the statement that fills
     * it in bounded transactions. It runs only while its index is missing (the index is created
     * after it, so a back-fill cut short runs again at the next start), and skips nodes that have
     * the copy already: a store that has the index pays nothing.
     */
    record SearchCopy(String index, String backFill) {
    }

    static final List<SearchCopy> SEARCH_COPIES = List.of(
            new SearchCopy("entity_search_name", """
                    MATCH (e:Entity) WHERE e.searchName IS NULL AND e.name IS NOT NULL
                    CALL (e) { SET e.searchName = toLower(e.name) } IN TRANSACTIONS OF 10000 ROWS"""),
            new SearchCopy("label_search_text", """
                    MATCH (l:Label) WHERE l.searchText IS NULL AND l.label IS NOT NULL
                    CALL (l) { SET l.searchText = toLower(l.label) } IN TRANSACTIONS OF 10000 ROWS"""));

    static void apply(Driver driver) {
        try (var session = driver.session(SessionConfig.defaultConfig())) {
            Set<String> indexes = Set.copyOf(session.run("SHOW INDEXES YIELD name RETURN name")
                    .list(r -> r.get("name").asString()));
            for (SearchCopy copy : SEARCH_COPIES) {
                if (!indexes.contains(copy.index())) {
                    session.run(copy.backFill()).consume();
                }
            }
            for (String statement : STATEMENTS) {
                session.run(statement).consume();
            }
            session.run("CALL db.awaitIndexes(300)").consume();
        }
    }
}
