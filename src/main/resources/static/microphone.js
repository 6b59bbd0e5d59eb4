// Microphone capture: getUserMedia into an AudioWorklet that posts 20 ms PCM16 frames.

const FRAME_MS = 20;
const ACCEPTED_RATES = [16000, 24000, 48000];

export class Microphone {
  /**
   * @param {(pcm: ArrayBuffer, level: number) => void} onFrame called for every frame
   * @param {boolean} raw true turns the browser's echo cancellation, noise suppression and gain
   *     control off (tests feed a file and want its own levels)
   */
  constructor(onFrame, raw) {
    this.onFrame = onFrame;
    this.raw = raw;
    this.context = null;
    this.stream = null;
  }

  get on() {
    return this.context !== null;
  }

  /** Opens the device; resolves to the sample rate of the frames that will follow. */
  async start() {
    const processing = !this.raw;
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        channelCount: 1,
        echoCancellation: processing,
        noiseSuppression: processing,
        autoGainControl: processing,
      },
    });
    try {
      this.context = await this.#connect(new AudioContext({ sampleRate: 16000 }));
    } catch (error) {
      // Some browsers cannot feed a device into a context at another rate: use the device's rate.
      const context = new AudioContext();
      if (!ACCEPTED_RATES.includes(context.sampleRate)) {
        context.close();
        this.stop();
        throw new Error(`Unsupported microphone sample rate ${context.sampleRate} Hz`);
      }
      this.context = await this.#connect(context);
    }
    return this.context.sampleRate;
  }

  async #connect(context) {
    try {
      await context.audioWorklet.addModule('pcm-capture-worklet.js');
      const source = context.createMediaStreamSource(this.stream);
      const capture = new AudioWorkletNode(context, 'pcm-capture', {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        channelCount: 1,
        channelCountMode: 'explicit',
        processorOptions: { frameSamples: (context.sampleRate * FRAME_MS) / 1000 },
      });
      capture.port.onmessage = ({ data }) => this.onFrame(data.pcm, data.level);
      // A silent path to the destination keeps the graph rendering in every browser.
      const mute = new GainNode(context, { gain: 0 });
      source.connect(capture).connect(mute).connect(context.destination);
      await context.resume();
      return context;
    } catch (error) {
      context.close();
      throw error;
    }
  }

  stop() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.context?.close();
    this.stream = null;
    this.context = null;
  }
}

/**
 * The last few frames captured while nothing is sent. A learner pressing "hold to talk" often
 * starts speaking at the same moment, or a little before: sending the ~200 ms before the press
 * first keeps the first sound, which the recogniser would otherwise miss (the server's own VAD
 * keeps a pre-roll too, for the same reason). More would send stray room noise with every turn.
 */
export class PreRoll {
  constructor(frames) {
    this.frames = frames;
    this.kept = [];
  }

  keep(pcm) {
    this.kept.push(pcm);
    if (this.kept.length > this.frames) this.kept.shift();
  }

  /** The kept frames, oldest first; none are kept after. */
  take() {
    return this.kept.splice(0);
  }
}
