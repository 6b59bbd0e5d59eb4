// Plays streamed reply audio gaplessly and says how much of it the learner has heard.
//
// Each binary frame is: uint32 LE turn number, uint32 LE offset of its first sample within the
// turn's audio, then PCM16 LE mono at the rate announced by reply.audio.start. Chunks are
// scheduled back to back on one AudioContext; the played position comes from the context clock
// and the chunk offsets, so gaps from late chunks are never counted as heard.

const HEADER_BYTES = 8;
const REPORT_EVERY_MS = 250;
// Scheduling slack for the first chunk (and after an underrun) so it is not clipped.
const LEAD_SECONDS = 0.03;

export function parseReplyFrame(buffer) {
  const view = new DataView(buffer);
  return {
    number: view.getUint32(0, true),
    offset: view.getUint32(4, true),
    samples: new Int16Array(buffer, HEADER_BYTES, (buffer.byteLength - HEADER_BYTES) >> 1),
  };
}

export class ReplyPlayer {
  /** @param {(number: number, playedMs: number) => void} report sends a playback report */
  constructor(report) {
    this.report = report;
    this.context = null;
    this.turn = null;
  }

  /** Creates the output context; call from a user gesture so browsers allow it to play. */
  unlock() {
    this.context ??= new AudioContext();
    return this.context.resume();
  }

  get playing() {
    return this.turn !== null;
  }

  get number() {
    return this.turn?.number ?? null;
  }

  begin(number, sampleRate) {
    this.stop();
    this.unlock();
    this.turn = { number, sampleRate, sources: [], segments: [], nextStart: 0, ended: false };
  }

  /** Schedules one binary frame; frames of other turns (e.g. after a barge-in) are dropped. */
  push(frame) {
    const turn = this.turn;
    if (!turn || frame.number !== turn.number || frame.samples.length === 0) {
      return;
    }
    const buffer = this.context.createBuffer(1, frame.samples.length, turn.sampleRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < frame.samples.length; i++) {
      channel[i] = frame.samples[i] / 0x8000;
    }
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const start = Math.max(turn.nextStart, this.context.currentTime + LEAD_SECONDS);
    source.start(start);
    turn.nextStart = start + buffer.duration;
    turn.sources.push(source);
    turn.segments.push({ start, duration: buffer.duration, offset: frame.offset });
    turn.timer ??= setInterval(() => this.#tick(), REPORT_EVERY_MS);
  }

  /** reply.audio.end: the rest plays out, then the final report goes. */
  end(number, status) {
    if (!this.turn || this.turn.number !== number) {
      return;
    }
    if (status === 'interrupted') {
      this.stop();
      return;
    }
    this.turn.ended = true;
    this.#tick();
  }

  /** Stops at once (barge-in) and sends the final report. */
  stop() {
    const turn = this.turn;
    if (!turn) {
      return;
    }
    const playedMs = this.playedMs();
    turn.sources.forEach((source) => source.stop());
    this.#close(turn, playedMs);
  }

  playedMs() {
    const turn = this.turn;
    if (!turn) {
      return 0;
    }
    const now = this.context.currentTime;
    const current = turn.segments.findLast((segment) => segment.start <= now);
    if (!current) {
      return 0;
    }
    const seconds = current.offset / turn.sampleRate + Math.min(now - current.start, current.duration);
    return Math.round(seconds * 1000);
  }

  #tick() {
    const turn = this.turn;
    const finished = turn.ended && this.context.currentTime >= turn.nextStart;
    const playedMs = this.playedMs();
    if (finished) {
      this.#close(turn, playedMs);
    } else if (turn.timer) {
      this.report(turn.number, playedMs);
    }
  }

  #close(turn, playedMs) {
    clearInterval(turn.timer);
    this.turn = null;
    this.report(turn.number, playedMs);
  }
}
