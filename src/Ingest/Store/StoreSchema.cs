namespace FunAsr.Ingest.Store;

/// <summary>
/// Tables of the embedded store. Segments are indexed by an FTS5 table with the trigram tokenizer (external
/// content, kept in step by triggers), so any substring of three or more characters, Chinese included, is found
/// through the index; shorter queries fall back to a scan.
/// </summary>
internal static class StoreSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS recordings (
          id TEXT PRIMARY KEY,
          source_path TEXT NOT NULL,
          call_id TEXT, agent TEXT, customer_number TEXT, direction TEXT, queue TEXT, started_at TEXT,
          duration_seconds REAL NOT NULL,
          channels INTEGER NOT NULL,
          language TEXT NOT NULL,
          text TEXT NOT NULL,
          raw_text TEXT NOT NULL,
          tags TEXT NOT NULL,
          model_id TEXT NOT NULL,
          rule_pack_version TEXT NOT NULL,
          processed_at TEXT NOT NULL,
          document_json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS recordings_by_processed ON recordings(processed_at);
        CREATE TABLE IF NOT EXISTS segments (
          id INTEGER PRIMARY KEY,
          recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          channel INTEGER NOT NULL,
          speaker TEXT,
          start_seconds REAL NOT NULL,
          end_seconds REAL NOT NULL,
          language TEXT NOT NULL,
          text TEXT NOT NULL,
          raw_text TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS segments_by_recording ON segments(recording_id, seq);
        CREATE VIRTUAL TABLE IF NOT EXISTS segments_fts USING fts5(
          text, raw_text, content = 'segments', content_rowid = 'id', tokenize = 'trigram');
        CREATE TRIGGER IF NOT EXISTS segments_fts_insert AFTER INSERT ON segments BEGIN
          INSERT INTO segments_fts(rowid, text, raw_text) VALUES (new.id, new.text, new.raw_text);
        END;
        CREATE TRIGGER IF NOT EXISTS segments_fts_delete AFTER DELETE ON segments BEGIN
          INSERT INTO segments_fts(segments_fts, rowid, text, raw_text) VALUES ('delete', old.id, old.text, old.raw_text);
        END;
        CREATE TABLE IF NOT EXISTS fields (
          recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          type TEXT NOT NULL,
          value_text TEXT,
          text TEXT NOT NULL,
          rule_id TEXT NOT NULL,
          start_seconds REAL, end_seconds REAL, channel INTEGER, speaker TEXT);
        CREATE INDEX IF NOT EXISTS fields_by_name ON fields(name, value_text);
        CREATE INDEX IF NOT EXISTS fields_by_recording ON fields(recording_id);
        CREATE TABLE IF NOT EXISTS alerts (
          recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
          rule_id TEXT NOT NULL,
          severity TEXT NOT NULL,
          message TEXT NOT NULL,
          fields_json TEXT NOT NULL,
          raised_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS alerts_by_recording ON alerts(recording_id);
        """;
}
