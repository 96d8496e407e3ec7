import { Injectable } from '@nestjs/common';

/** The one source of "now"; tests replace it to make deadlines exact. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and move. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(t: Date | string): void {
    this.current = new Date(t);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
