import { Injectable } from '@nestjs/common';

/** The one source of "now"; tests replace it to make deadlines exact. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and move; `run` lets it tick with real time from a chosen instant. */
export class FixedClock extends Clock {
  private runningSince: number | null = null;

  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    const elapsed = this.runningSince === null ? 0 : Date.now() - this.runningSince;
    return new Date(this.current.getTime() + elapsed);
  }
  set(t: Date | string): void {
    this.current = new Date(t);
    this.runningSince = null;
  }
  advance(ms: number): void {
    this.current = new Date(this.now().getTime() + ms);
    if (this.runningSince !== null) this.runningSince = Date.now();
  }
  /** From now on, time passes as in reality, starting at t. */
  run(t: Date | string): void {
    this.current = new Date(t);
    this.runningSince = Date.now();
  }
}
