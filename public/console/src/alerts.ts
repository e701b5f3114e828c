/**
 * Telling a caseworker that someone is waiting when they are looking elsewhere: the number
 * waiting in the tab's title, and a short chime made with the Web Audio API (no sound file to
 * download). Browsers allow sound only after the page was used, so the audio starts on the
 * first click or key press.
 */

class Alerts {
  private audio: AudioContext | null = null;

  constructor(private readonly baseTitle: string) {
    const unlock = () => {
      this.context();
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
  }

  /** "(2) Console" while two people wait; the plain title when nobody does. */
  setWaiting(count: number): void {
    document.title = count > 0 ? `(${count}) ${this.baseTitle}` : this.baseTitle;
  }

  /** Two soft tones, a little higher for an emergency. */
  chime(urgent: boolean): void {
    const ctx = this.context();
    if (!ctx) return;
    const base = urgent ? 880 : 660;
    [0, 0.18].forEach((start, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = base * (i ? 1.25 : 1);
      const t = ctx.currentTime + start;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.17);
    });
  }

  private context(): AudioContext | null {
    if (typeof AudioContext === 'undefined') return null;
    this.audio ??= new AudioContext();
    if (this.audio.state === 'suspended') void this.audio.resume().catch(() => {});
    return this.audio;
  }
}
