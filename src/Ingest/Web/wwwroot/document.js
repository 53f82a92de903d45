// The one place the page reads recording documents and calls-list rows: every JSON key the server sends is named
// here, so a renamed key is a one-line change. The rest of the page uses only the shapes returned below.
"use strict";

const CallDocument = Object.freeze({
  /** A stored recording document (GET /ui/api/calls/{id}). */
  read(d) {
    const meta = d.metadata ?? {};
    const transcript = d.transcript ?? {};
    const metrics = transcript.metrics;
    return {
      id: d.recording_id,
      fileName: (d.source_path ?? "").split("/").pop(),
      callId: meta.call_id ?? null,
      agent: meta.agent ?? null,
      customerNumber: meta.customer_number ?? null,
      direction: meta.direction ?? null,
      queue: meta.queue ?? null,
      startedAt: meta.started_at ?? null,
      processedAt: d.processed_at,
      duration: transcript.duration ?? 0,
      language: transcript.language ?? "",
      modelId: d.model_id,
      rulePackVersion: d.rule_pack_version,
      tags: d.tags ?? [],
      turns: (transcript.turns ?? []).map((t) => ({ speaker: t.speaker, channel: t.channel, start: t.start, end: t.end, text: t.text })),
      fields: (d.fields ?? []).map((f) => ({
        name: f.name, type: f.type, value: f.value_text ?? String(f.value ?? ""), text: f.text,
        start: f.start_time ?? null, end: f.end_time ?? null, channel: f.channel ?? null, speaker: f.speaker ?? null, rule: f.rule_id,
      })),
      alerts: (d.alerts ?? []).map((a) => ({ rule: a.rule_id, severity: a.severity, message: a.message })),
      metrics: metrics ? {
        duration: metrics.duration, talk: metrics.talk_time, silence: metrics.silence_time, overlap: metrics.overlap_time,
        speakers: (metrics.speakers ?? []).map((s) => ({ speaker: s.speaker, talk: s.talk_time, ratio: s.talk_ratio, turns: s.turns })),
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
