// The one place the page reads recording documents and calls-list rows: every JSON key the server sends is named
// here, so a renamed key is a one-line change. The rest of the page uses only the shapes returned below.
"use strict";

const CallDocument = Object.freeze({
  /** A stored recording document (GET /ui/api/calls/{id}; schema 2, docs/SCHEMA.md). */
  read(d) {
    const metrics = d.metrics ?? {};
    const turns = d.turns ?? [];
    // Per-speaker metrics are flat (<speaker>_talk_seconds…); the speakers, in channel order, come from the turns.
    const speakers = [...new Map([...turns].sort((a, b) => a.channel - b.channel).map((t) => [t.speaker, t])).keys()];
    const key = (speaker) => speaker.toLowerCase().replaceAll(" ", "_");
    return {
      id: d.recording_id,
      fileName: (d.source_path ?? "").split("/").pop(),
      callId: d.call_id ?? null,
      agent: d.agent ?? null,
      customerNumber: d.customer_number ?? null,
      direction: d.direction ?? null,
      queue: d.queue ?? null,
      startedAt: d.started_at ?? null,
      processedAt: d.processed_at,
      duration: d.duration_seconds ?? 0,
      language: d.language ?? "",
      modelId: d.model_id,
      rulePackVersion: d.rule_pack_version,
      tags: d.tags ?? [],
      turns: turns.map((t) => ({ speaker: t.speaker, channel: t.channel, start: t.start_seconds, end: t.end_seconds, text: t.text })),
      fields: (d.fields ?? []).map((f) => ({
        name: f.name, type: f.type, value: f.value_text ?? String(f.value ?? ""), text: f.text,
        start: f.start_seconds ?? null, end: f.end_seconds ?? null, channel: f.channel ?? null, speaker: f.speaker ?? null, rule: f.rule_id,
      })),
      alerts: (d.alerts ?? []).map((a) => ({ rule: a.rule_id, severity: a.severity, message: a.message })),
      metrics: "talk_seconds" in metrics ? {
        duration: d.duration_seconds, talk: metrics.talk_seconds, silence: metrics.silence_seconds, overlap: metrics.overlap_seconds,
        speakers: speakers.map((s) => ({
          speaker: s, talk: metrics[`${key(s)}_talk_seconds`] ?? 0, ratio: metrics[`${key(s)}_talk_ratio`] ?? 0, turns: metrics[`${key(s)}_turns`] ?? 0,
        })),
      } : null,
    };
  },

  /** One row of GET /ui/api/calls. */
  summary(r) {
    return {
      id: r.recording_id, callId: r.call_id ?? null, agent: r.agent ?? null, direction: r.direction ?? null,
      startedAt: r.started_at ?? null, processedAt: r.processed_at, duration: r.duration_seconds, language: r.language,
      tags: r.tags ?? [], alerts: r.alerts, severity: r.top_severity ?? null,
      hit: r.hit ? { start: r.hit.start, speaker: r.hit.speaker ?? null, text: r.hit.text, highlights: r.hit.highlights ?? [] } : null,
    };
  },

  /** A ledger row from the queue's event stream. */
  queueRow(q) {
    return { id: q.id, state: q.state, error: q.last_error ?? null, attempts: q.attempts ?? 0 };
  },

  /** The answer of POST /ui/api/rules/try. */
  tryResult(r) {
    return {
      fields: (r.fields ?? []).map((f) => ({ name: f.name, type: f.type, value: f.value_text ?? "", text: f.text, start: f.start, length: f.length, rule: f.rule_id })),
      tags: r.tags ?? [],
      alerts: (r.alerts ?? []).map((a) => ({ severity: a.severity, message: a.message })),
    };
  },
});
