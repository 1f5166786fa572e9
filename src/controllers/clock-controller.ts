/**
 * The one clock of the element: the server's time (learnt from `Date` headers), the re-render at
 * each instant the screen changes by itself (the request button comes back, a backup expires,
 * "há 2 minutos" becomes "há 3 minutos"), and a heartbeat that notices when the device's clock
 * jumps or the device wakes from sleep, which no timer and no `visibilitychange` announces.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ServerClock } from '../core/server-clock.js';
import { Timer } from './timer.js';

/** The heartbeat: the longest the screen may lag the clock after a sleep or a jump. */
export const HEARTBEAT_MS = 60_000;
/** A beat this much later (or earlier) than its timer says: the wall clock jumped, or the device slept. */
const JUMP_MS = 60_000;

export interface ClockCallbacks {
  /** The next instant (server time) after `now` at which the screen changes by itself, or `null`. */
  nextRedraw(now: number): number | null;
  /** The device's clock jumped or the device slept: what the server's clock was learnt from is stale. */
  jumped(): void;
}

export class ClockController implements ReactiveController {
  /** Counts the instants the screen crossed by itself: a key of the list's template (see the element's guard). */
  ticks = 0;
  readonly server = new ServerClock();
  readonly #host: ReactiveControllerHost & Element;
  readonly #on: ClockCallbacks;
  readonly #timer = new Timer();
  /** The instant the next redraw is due (server time); the wall times the heartbeat was set at and expects to wake at, while it waits. */
  #due: number | null = null;
  #setAt = 0;
  #wakeAt?: number;

  constructor(host: ReactiveControllerHost & Element, callbacks: ClockCallbacks) {
    (this.#host = host).addController(this);
    this.#on = callbacks;
  }

  /** The server's time now (epoch ms). */
  now = (): number => this.server.now();

  /** Learns the server's time from an answer (see ServerClock.observe): when that moves it, the screen is drawn for the new time. */
  observe = (date: string | null | undefined, sentAt: number, receivedAt: number): boolean => {
    const moved = this.server.observe(date, sentAt, receivedAt);
    if (moved) this.moved();
    return moved;
  };

  /** Whatever the clock did meanwhile (a page shown again), the screen is drawn for now. */
  moved(): void {
    this.ticks++;
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#timer.stop();
    this.#wakeAt = undefined;
  }

  hostUpdated(): void {
    // A removed element may still render once (a window closing as it leaves): it keeps no timer.
    if (this.#host.isConnected) this.#schedule();
  }

  #schedule(): void {
    const wall = Date.now();
    // A render before the beat (a window closed on waking) must not hide a jump: the beat comes at once.
    if (this.#wakeAt !== undefined && (wall - this.#wakeAt > JUMP_MS || this.#setAt - wall > JUMP_MS)) return this.#timer.start(0, this.#beat);
    const now = this.now();
    this.#due = this.#on.nextRedraw(now);
    const delay = Math.min(this.#due === null ? Infinity : this.#due - now, HEARTBEAT_MS);
    this.#setAt = wall;
    this.#wakeAt = wall + delay;
    this.#timer.start(delay, this.#beat);
  }

  #beat = (): void => {
    const late = Date.now() - this.#wakeAt!;
    this.#wakeAt = undefined;
    if (Math.abs(late) > JUMP_MS) this.#on.jumped();
    // A render reschedules (hostUpdated); without one, the heartbeat goes on by itself.
    if (this.#due !== null && this.now() >= this.#due) this.moved();
    else this.#schedule();
  };
}
