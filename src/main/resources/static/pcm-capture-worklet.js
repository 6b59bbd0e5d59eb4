// Cuts the microphone into fixed frames of signed 16-bit PCM at the context's rate and posts each
// frame (an ArrayBuffer, transferred) with its RMS level. The render quantum is 128 samples, so
// samples are gathered until a frame is full.
class PcmCaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.frameSamples = options.processorOptions.frameSamples;
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
    this.energy = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) {
      return true;
    }
    for (let i = 0; i < channel.length; i++) {
      const sample = Math.max(-1, Math.min(1, channel[i]));
      this.energy += sample * sample;
      this.frame[this.filled++] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
      if (this.filled === this.frameSamples) {
        const level = Math.sqrt(this.energy / this.frameSamples);
        const buffer = this.frame.buffer;
        // Transferring detaches the buffer, so every frame gets a new one.
        this.port.postMessage({ pcm: buffer, level }, [buffer]);
        this.frame = new Int16Array(this.frameSamples);
        this.filled = 0;
        this.energy = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCaptureProcessor);
